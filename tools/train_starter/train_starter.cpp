// train-starter-model: trains the bundled starter model and measures the bundled fine-tuning
// example (docs/starter-model.md).
//
//   train-starter-model train    a random Llama-architecture model trained from scratch with our
//                                engine (runTraining, full method) on resources/starter/corpus,
//                                copied to resources/starter/model
//   train-starter-model eval     greedy answers of a model to the sample benchmark's questions
//                                (resources/samples/capitals-and-facts-qa.csv), scored as
//                                basic::subset_of does: is the expected answer in the answer
//   train-starter-model measure  eval of the starter model, the fine-tuning preset
//                                (resources/starter/finetune-capitals.json) run on its dataset,
//                                eval of the fine-tuned checkpoint: the two figures
//   train-starter-model rerank   the LLM and embedding rerankers (local_rerankers.h) of a model on
//                                upstream's semantic cases (never in the corpus) and on
//                                resources/starter/relevance-heldout.jsonl (generated like
//                                corpus/relevance.jsonl, from subjects, query forms and document
//                                shapes the corpus does not use): rankings and accuracy
//
// `train --from <model folder>` continues from that model's weights instead of a random start
// (the tokenizer must be the corpus' tokenizer, byte for byte); `--exclude <file>` leaves a corpus
// file out (the first stage of the bundled model did not have relevance.jsonl).
//
// Everything is deterministic in its seeds; the figures vary only with the thread count (float
// sums in a different order).

#include "api/json_io.h"
#include "api/post_training.h"
#include "engine/models/causal_lm.h"
#include "engine/models/local_model.h"
#include "engine/rerank/local_rerankers.h"
#include "engine/training/trainer.h"
#include "engine/training/training_data.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

using namespace wb;
using namespace wb::engine;

namespace {

// --- the starter model's shape ------------------------------------------------------------------

//! ~2.3M parameters: 9 MB as float32, under the 10 MB the starter model may take.
ModelConfig starterConfig(int vocab, int eos, int endOfText)
{
    ModelConfig c;
    c.architecture = "LlamaForCausalLM";
    c.modelType = "llama";
    c.vocabSize = vocab;
    c.hiddenSize = 256;
    c.intermediateSize = 640;
    c.numLayers = 3;
    c.numHeads = 8;
    c.numKvHeads = 4;
    c.headDim = 32;
    c.maxPositionEmbeddings = 256;
    c.rmsNormEps = 1e-5;
    c.ropeTheta = 10000.0;
    c.tieWordEmbeddings = true;
    c.torchDtype = "float32";
    c.eosTokenIds = {eos, endOfText};
    return c;
}

// --- small helpers -------------------------------------------------------------------------------

void say(const std::string &line)
{
    std::fprintf(stdout, "%s\n", line.c_str());
    std::fflush(stdout);
}

int fail(const std::string &what)
{
    std::fprintf(stderr, "train-starter-model: %s\n", what.c_str());
    return 1;
}

api::Result<std::string> readText(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return api::Error::badRequest(path.toStdString() + ": cannot read");
    return f.readAll().toStdString();
}

api::Result<std::vector<api::JsonObject>> readJsonl(const QString &path)
{
    auto text = readText(path);
    if (!text)
        return text.error();
    std::vector<api::JsonObject> rows;
    size_t start = 0;
    int line = 0;
    while (start < text->size()) {
        size_t end = text->find('\n', start);
        if (end == std::string::npos)
            end = text->size();
        ++line;
        const std::string l = text->substr(start, end - start);
        start = end + 1;
        if (l.find_first_not_of(" \r\t") == std::string::npos)
            continue;
        api::Json j = api::Json::parse(l, nullptr, false);
        if (!j.is_object())
            return api::Error::badRequest(path.toStdString() + ":" + std::to_string(line) + ": not a JSON object");
        rows.push_back(api::JsonObject{std::move(j)});
    }
    return rows;
}

//! The two columns of the sample CSV (question, answer), with RFC 4180 quoting.
api::Result<std::vector<std::pair<std::string, std::string>>> readQa(const QString &path)
{
    auto text = readText(path);
    if (!text)
        return text.error();
    std::vector<std::vector<std::string>> records(1);
    std::string field;
    bool quoted = false;
    const std::string &t = text.value();
    for (size_t i = 0; i < t.size(); ++i) {
        const char c = t[i];
        if (quoted) {
            if (c == '"' && i + 1 < t.size() && t[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            records.back().push_back(std::move(field));
            field.clear();
        } else if (c == '\n') {
            records.back().push_back(std::move(field));
            field.clear();
            records.emplace_back();
        } else if (c != '\r') {
            field += c;
        }
    }
    if (!field.empty() || !records.back().empty())
        records.back().push_back(std::move(field));
    std::vector<std::pair<std::string, std::string>> out;
    for (size_t i = 1; i < records.size(); ++i) { // row 0 is the header
        if (records[i].size() >= 2)
            out.emplace_back(records[i][0], records[i][1]);
    }
    return out;
}

api::Status copyFile(const QString &from, const QString &to)
{
    QFile::remove(to);
    if (!QFile::copy(from, to))
        return api::Error::internal("cannot copy " + from.toStdString() + " to " + to.toStdString());
    return {};
}

//! Prints each step (every `every` steps) and keeps the last checkpoint.
class PrintingHooks : public TrainingHooks
{
public:
    explicit PrintingHooks(int every) : m_every(every) { m_clock.start(); }

    void step(const api::TrainingStepMetric &m) override
    {
        if (m.step % m_every == 0 || m.step == 1) {
            char line[200];
            std::snprintf(line, sizeof line, "step %lld epoch %lld loss %.4f lr %.2e tokens/s %.0f (%.0f s)",
                          static_cast<long long>(m.step), static_cast<long long>(m.epoch), m.loss, m.lr,
                          m.tokens_per_second, m_clock.elapsed() / 1000.0);
            say(line);
        }
    }
    void checkpoint(const SavedCheckpoint &c) override
    {
        last = c;
        char line[200];
        std::snprintf(line, sizeof line, "checkpoint %s: train loss %.4f", c.identifier.c_str(),
                      c.metrics.train_loss);
        say(line);
    }
    bool cancelled() const override { return false; }

    std::optional<SavedCheckpoint> last;

private:
    int m_every;
    QElapsedTimer m_clock;
};

struct Paths
{
    QString resources; //!< <source>/resources
    QString out;       //!< where train writes the model (default: the starter model's folder)
    QString presetFile; //!< measure's fine-tuning request (default: the bundled preset)
    QString starter() const { return QDir(resources).filePath("starter"); }
    QString model() const { return out.isEmpty() ? QDir(starter()).filePath("model") : out; }
    QString benchmark() const { return QDir(resources).filePath("samples/capitals-and-facts-qa.csv"); }
    QString finetuneData() const { return QDir(resources).filePath("samples/capitals-and-facts-train.jsonl"); }
    QString preset() const
    {
        return presetFile.isEmpty() ? QDir(starter()).filePath("finetune-capitals.json") : presetFile;
    }
};

// --- eval --------------------------------------------------------------------------------------------

struct Score
{
    int passed = 0;
    int total = 0;
    double accuracy() const { return total ? double(passed) / total : 0.0; }
};

api::Result<Score> evaluate(const QString &modelFolder, const Paths &paths, bool verbose)
{
    auto model = LocalModel::load(modelFolder);
    if (!model)
        return model.error();
    auto qa = readQa(paths.benchmark());
    if (!qa)
        return qa.error();
    // As the sample benchmark runs: one user message per question, greedy.
    std::vector<std::vector<api::ChatMessage>> conversations;
    for (const auto &[q, a] : qa.value())
        conversations.push_back({api::ChatMessage{"user", q, std::nullopt}});
    api::CompletionSampling sampling;
    sampling.temperature = 0.0;
    sampling.max_tokens = 48;
    const auto answers = model.value()->chatBatch(conversations, sampling, api::CancelToken());
    Score s;
    for (size_t i = 0; i < answers.size(); ++i) {
        if (!answers[i])
            return answers[i].error();
        const std::string &expected = qa.value()[i].second;
        const bool ok = answers[i].value().find(expected) != std::string::npos;
        s.passed += ok ? 1 : 0;
        ++s.total;
        if (verbose)
            say(std::string(ok ? "  PASS " : "  fail ") + qa.value()[i].first + " -> " + answers[i].value()
                + "  [" + expected + "]");
    }
    return s;
}

std::string percent(const Score &s)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%d/%d (%.1f%%)", s.passed, s.total, 100.0 * s.accuracy());
    return buf;
}

// --- train -------------------------------------------------------------------------------------------

struct TrainOptions
{
    int epochs = 5;
    double lr = 3e-3;
    int batchSize = 8;
    int maxSteps = 0; //!< per epoch; 0: all
    int warmup = 30;
    uint64_t seed = 1;
    QString from; //!< a model folder to continue from; empty: a random start
    QStringList exclude; //!< corpus files left out (file names, e.g. relevance.jsonl)
};

api::Status trainStarter(const Paths &paths, const QString &work, const TrainOptions &o)
{
    const QDir starter(paths.starter());
    auto tokenizer = Tokenizer::fromFile(starter.filePath("tokenizer/tokenizer.json"));
    if (!tokenizer)
        return tokenizer.error();
    auto tpl = ChatTemplate::fromConfigFile(starter.filePath("tokenizer/tokenizer_config.json"));
    if (!tpl)
        return tpl.error();
    const auto imEnd = tokenizer.value()->tokenToId("<|im_end|>");
    const auto endOfText = tokenizer.value()->tokenToId("<|endoftext|>");
    if (!imEnd || !endOfText)
        return api::Error::badRequest("the starter tokenizer lacks <|im_end|> or <|endoftext|>");
    const ModelConfig config = starterConfig(tokenizer.value()->vocabSize(), *imEnd, *endOfText);

    // The random start, with the tokenizer files next to it (runTraining copies them into every
    // checkpoint); or the model to continue from, which must read text as the corpus' tokenizer
    // does (its embeddings belong to those ids).
    QString base = QDir(work).filePath("base");
    if (o.from.isEmpty()) {
        if (auto w = writeRandomModel(base, config, o.seed, 0.02); !w)
            return w;
        for (const char *file : {"tokenizer.json", "tokenizer_config.json"})
            if (auto c = copyFile(starter.filePath(QString("tokenizer/") + file), QDir(base).filePath(file)); !c)
                return c;
    } else {
        base = o.from;
        auto mine = readText(QDir(base).filePath("tokenizer.json"));
        auto corpus = readText(starter.filePath("tokenizer/tokenizer.json"));
        if (!mine)
            return mine.error();
        if (!corpus)
            return corpus.error();
        if (mine.value() != corpus.value())
            return api::Error::badRequest("--from: " + base.toStdString()
                                          + "/tokenizer.json differs from the corpus' tokenizer");
    }

    // The corpus: every file of corpus/, dialog rows, the assistant answers trained (the model's
    // capacity goes to answering, not to guessing invented names in the questions), packed into
    // rows of the context length.
    std::vector<api::JsonObject> rows;
    const QStringList files = QDir(starter.filePath("corpus")).entryList({"*.jsonl"}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        if (o.exclude.contains(file))
            continue;
        auto part = readJsonl(starter.filePath("corpus/" + file));
        if (!part)
            return part.error();
        rows.insert(rows.end(), part->begin(), part->end());
    }
    EncodeOptions encode;
    encode.format = api::DatasetFormat::Dialog;
    encode.trainOnInput = false;
    encode.maxLength = config.maxPositionEmbeddings;
    encode.datasetId = "starter-corpus";
    DataSummary summary;
    auto examples = encodeSftRows(rows, *tokenizer.value(), tpl.value(), encode, &summary);
    if (!examples)
        return examples.error();
    say("corpus: " + std::to_string(summary.rows) + " rows, " + std::to_string(summary.tokens) + " tokens ("
        + std::to_string(summary.truncated) + " truncated); model: "
        + std::to_string(config.parameterCount()) + " parameters");

    TrainingPlan plan;
    plan.method = TrainingMethod::Full;
    plan.baseFolder = base;
    plan.outputDir = QDir(work).filePath("checkpoints");
    plan.checkpointPrefix = "starter";
    plan.train = std::move(examples).value();
    plan.maxLength = config.maxPositionEmbeddings;
    plan.padId = *endOfText;
    plan.seed = o.seed;
    api::DataConfig data;
    data.dataset_id = encode.datasetId;
    data.batch_size = o.batchSize;
    data.shuffle = true;
    data.packed = true;
    data.data_format = api::DatasetFormat::Dialog;
    data.train_on_input = false;
    api::OptimizerConfig opt;
    opt.optimizer_type = api::OptimizerType::AdamW;
    opt.lr = o.lr;
    opt.weight_decay = 0.01;
    opt.num_warmup_steps = o.warmup;
    plan.training.n_epochs = o.epochs;
    plan.training.max_steps_per_epoch = o.maxSteps > 0 ? o.maxSteps : 1000000;
    plan.training.gradient_accumulation_steps = 1;
    plan.training.data_config = data;
    plan.training.optimizer_config = opt;
    plan.training.dtype = "fp32";
    const StepCount steps = plannedSteps(plan);
    say("training: " + std::to_string(o.epochs) + " epochs of " + std::to_string(steps.perEpoch)
        + " steps (" + std::to_string(steps.total) + " in all)");

    PrintingHooks hooks(20);
    auto outcome = runTraining(plan, hooks);
    if (!outcome)
        return outcome.error();
    if (!hooks.last)
        return api::Error::internal("training wrote no checkpoint");
    for (const std::string &note : outcome->notes)
        say("note: " + note);

    // The final checkpoint's model, without its training state, is the starter model.
    const QDir from(hooks.last->folder);
    if (!QDir().mkpath(paths.model()))
        return api::Error::internal("cannot create " + paths.model().toStdString());
    for (const char *file : {"config.json", "model.safetensors", "generation_config.json", "tokenizer.json",
                             "tokenizer_config.json"})
        if (auto c = copyFile(from.filePath(file), QDir(paths.model()).filePath(file)); !c)
            return c;
    say("starter model written to " + paths.model().toStdString() + " ("
        + std::to_string(QFileInfo(QDir(paths.model()).filePath("model.safetensors")).size()) + " bytes of weights)");
    return {};
}

// --- measure -----------------------------------------------------------------------------------------

//! Runs the fine-tuning preset as the post-training service would run its request (method from
//! algorithm_config, data from the preset's data_config) and returns the final checkpoint.
api::Result<QString> fineTune(const QString &modelFolder, const Paths &paths, const QString &work)
{
    auto presetText = readText(paths.preset());
    if (!presetText)
        return presetText.error();
    api::Json preset = api::Json::parse(presetText.value(), nullptr, false);
    if (!preset.is_object())
        return api::Error::badRequest(paths.preset().toStdString() + ": not a JSON object");
    preset["job_uuid"] = "starter-finetune";
    auto request = api::parse<api::SupervisedFineTuneRequest>(preset, "preset");
    if (!request)
        return request.error();
    const api::TrainingConfig &training = request->training_config;
    if (!training.data_config)
        return api::Error::badRequest("the preset has no data_config");

    auto model = LocalModel::load(modelFolder);
    if (!model)
        return model.error();
    auto rows = readJsonl(paths.finetuneData());
    if (!rows)
        return rows.error();
    TrainingPlan plan;
    plan.method = TrainingMethod::Full;
    if (request->algorithm_config) {
        if (const auto *lora = std::get_if<api::LoraFinetuningConfig>(&*request->algorithm_config)) {
            plan.method = TrainingMethod::Lora;
            plan.lora = *lora;
        } else {
            plan.method = TrainingMethod::Qat;
            plan.qat = std::get<api::QATFinetuningConfig>(*request->algorithm_config);
        }
    }
    plan.baseFolder = modelFolder;
    plan.outputDir = QDir(work).filePath("finetune");
    plan.checkpointPrefix = "starter-sft";
    plan.training = training;
    plan.maxLength = model.value()->lm().config().maxPositionEmbeddings;
    plan.padId = model.value()->lm().config().eosTokenIds.front();
    plan.seed = 7;
    EncodeOptions encode;
    encode.format = training.data_config->data_format;
    encode.trainOnInput = training.data_config->train_on_input;
    encode.maxLength = plan.maxLength;
    encode.datasetId = training.data_config->dataset_id;
    auto examples = encodeSftRows(rows.value(), *model.value()->tokenizer(), model.value()->chatTemplate(), encode);
    if (!examples)
        return examples.error();
    plan.train = std::move(examples).value();
    const StepCount steps = plannedSteps(plan);
    say(std::string("fine-tuning (") + trainingMethodName(plan.method) + "): " + std::to_string(plan.train.size())
        + " rows, " + std::to_string(steps.total) + " steps");
    PrintingHooks hooks(10);
    auto outcome = runTraining(plan, hooks);
    if (!outcome)
        return outcome.error();
    if (!hooks.last)
        return api::Error::internal("fine-tuning wrote no checkpoint");
    return hooks.last->folder;
}

// --- rerank --------------------------------------------------------------------------------------

//! One query with its items; `relevant` is the index of the item that should rank first.
struct RerankCase
{
    std::string query;
    std::vector<std::string> items;
    size_t relevant = 0;
};

//! Upstream's semantic cases (llama-stack tests/integration/inference/test_rerank.py). Their
//! subjects are kept out of the corpus (tests/core/starter_model checks it).
std::vector<RerankCase> upstreamCases()
{
    return {
        {"What is a reranking model? ",
         {"A reranking model reranks a list of items based on the query. ",
          "Machine learning algorithms learn patterns from data. ", "Python is a programming language. "},
         0},
        {"What is C++?",
         {"Learning new things is interesting. ", "C++ is a programming language. ",
          "Books provide knowledge and entertainment. "},
         1},
        {"What are good learning habits? ",
         {"Cooking pasta is a fun activity. ", "Plants need water and sunlight. ",
          "Good learning habits include reading daily and taking notes. "},
         2},
    };
}

api::Status rerankCheck(const QString &modelFolder, const Paths &paths, bool verbose)
{
    auto model = LocalModel::load(modelFolder);
    if (!model)
        return model.error();

    // The held-out generated set: the same groups as upstream's (one relevant item, two others).
    std::vector<RerankCase> generated;
    auto rows = readJsonl(QDir(paths.starter()).filePath("relevance-heldout.jsonl"));
    if (!rows)
        return rows.error();
    for (const api::JsonObject &row : rows.value())
        generated.push_back({row.value["query"].get<std::string>(),
                             row.value["items"].get<std::vector<std::string>>(),
                             row.value["relevant"].get<size_t>()});

    struct Tally
    {
        int top1 = 0, groups = 0, pointRight = 0, points = 0;
        double yesSum = 0, noSum = 0;
    };
    // The product's rerankers: `llm` (P(yes) / (P(yes) + P(no)), 0.5 = cannot tell) and
    // `embedding` (mean-pooled hidden states, (1 + cosine) / 2).
    auto run = [&](const std::vector<RerankCase> &cases, bool llm, bool print) -> api::Result<Tally> {
        Tally t;
        for (const RerankCase &c : cases) {
            auto scored = llm ? llmRerankScores(*model.value(), c.query, c.items, {}, api::CancelToken())
                              : embeddingRerankScores(*model.value(), c.query, c.items, {}, api::CancelToken());
            if (!scored)
                return scored.error();
            const std::vector<double> &scores = scored.value();
            const size_t best = std::max_element(scores.begin(), scores.end()) - scores.begin();
            const bool ok = best == c.relevant;
            t.top1 += ok ? 1 : 0;
            ++t.groups;
            for (size_t i = 0; i < scores.size(); ++i) {
                const bool relevant = i == c.relevant;
                t.pointRight += (scores[i] > 0.5) == relevant ? 1 : 0;
                ++t.points;
                (relevant ? t.yesSum : t.noSum) += scores[i];
            }
            if (print) {
                say(std::string(ok ? "  PASS " : "  fail ") + "\"" + c.query + "\"");
                for (size_t i = 0; i < scores.size(); ++i) {
                    char line[64];
                    std::snprintf(line, sizeof line, "    %s %.4f  ", i == c.relevant ? "*" : " ", scores[i]);
                    say(line + c.items[i]);
                }
            }
        }
        return t;
    };
    std::vector<std::string> figures;
    for (const bool llm : {true, false}) {
        const std::string name = llm ? "llm" : "embedding";
        say(name + " reranker:");
        auto upstream = run(upstreamCases(), llm, true);
        if (!upstream)
            return upstream.error();
        auto held = run(generated, llm, verbose);
        if (!held)
            return held.error();
        char line[300];
        std::snprintf(line, sizeof line, "  upstream semantic cases: %d/%d ranked right", upstream->top1,
                      upstream->groups);
        say(line);
        std::snprintf(line, sizeof line,
                      "  held-out generated set: %d/%d groups ranked right, %d/%d items on the right side of "
                      "0.5, mean score relevant %.3f, other %.3f",
                      held->top1, held->groups, held->pointRight, held->points,
                      held->yesSum / std::max(1, held->groups),
                      held->noSum / std::max(1, held->points - held->groups));
        say(line);
        figures.push_back(name + "_upstream_top1: " + std::to_string(double(upstream->top1) / upstream->groups)
                          + " fraction");
        figures.push_back(name + "_heldout_top1: " + std::to_string(double(held->top1) / std::max(1, held->groups))
                          + " fraction");
        if (llm)
            figures.push_back(name + "_heldout_pointwise_accuracy: "
                              + std::to_string(double(held->pointRight) / std::max(1, held->points)) + " fraction");
    }
    for (const std::string &f : figures)
        say(f);
    return {};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("train-starter-model");
    QCommandLineParser parser;
    parser.setApplicationDescription("Trains the bundled starter model and measures the bundled fine-tuning example.");
    parser.addHelpOption();
    parser.addPositionalArgument("command", "train | eval | measure | rerank");
    const QCommandLineOption resources("resources", "The resources folder (default: the source tree's).", "dir",
                                       QStringLiteral(WB_SOURCE_DIR "/resources"));
    const QCommandLineOption modelOpt("model", "eval, measure: the model folder (default: the starter model).", "dir");
    const QCommandLineOption workOpt("work", "Folder for the random start and checkpoints (default: a temporary one).", "dir");
    const QCommandLineOption epochs("epochs", "train: epochs over the corpus.", "n", "5");
    const QCommandLineOption lr("lr", "train: peak learning rate.", "x", "3e-3");
    const QCommandLineOption batch("batch", "train: packed rows per step.", "n", "8");
    const QCommandLineOption maxSteps("max-steps", "train: at most this many steps per epoch (0: all).", "n", "0");
    const QCommandLineOption warmup("warmup", "train: warm-up steps.", "n", "30");
    const QCommandLineOption fromOpt("from", "train: continue from this model folder instead of a random start.", "dir");
    const QCommandLineOption excludeOpt("exclude", "train: leave this corpus file out (repeatable).", "file");
    const QCommandLineOption outOpt("out", "train: the model folder to write (default: resources/starter/model).", "dir");
    const QCommandLineOption presetOpt("preset", "measure: the fine-tuning request (default: resources/starter/finetune-capitals.json).", "file");
    const QCommandLineOption verbose("verbose", "eval, measure: print every answer.");
    parser.addOptions({resources, modelOpt, workOpt, outOpt, presetOpt, epochs, lr, batch, maxSteps, warmup, fromOpt,
                       excludeOpt, verbose});
    parser.process(app);
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1)
        parser.showHelp(2);

    Paths paths{parser.value(resources), parser.value(outOpt), parser.value(presetOpt)};
    QTemporaryDir tmp;
    const QString work = parser.isSet(workOpt) ? parser.value(workOpt) : tmp.path();
    const QString model = parser.isSet(modelOpt) ? parser.value(modelOpt) : paths.model();
    const QString command = args.front();

    if (command == "train") {
        TrainOptions o;
        o.epochs = parser.value(epochs).toInt();
        o.lr = parser.value(lr).toDouble();
        o.batchSize = parser.value(batch).toInt();
        o.maxSteps = parser.value(maxSteps).toInt();
        o.warmup = parser.value(warmup).toInt();
        o.from = parser.value(fromOpt);
        o.exclude = parser.values(excludeOpt);
        QElapsedTimer clock;
        clock.start();
        if (auto s = trainStarter(paths, work, o); !s)
            return fail(s.error().toString());
        say("trained in " + std::to_string(clock.elapsed() / 1000) + " s");
        return 0;
    }
    if (command == "eval") {
        auto s = evaluate(model, paths, parser.isSet(verbose));
        if (!s)
            return fail(s.error().toString());
        say("sample/capitals-qa subset_of: " + percent(s.value()));
        return 0;
    }
    if (command == "measure") {
        auto before = evaluate(model, paths, parser.isSet(verbose));
        if (!before)
            return fail(before.error().toString());
        say("before fine-tuning: sample/capitals-qa subset_of " + percent(before.value()));
        QElapsedTimer clock;
        clock.start();
        auto tuned = fineTune(model, paths, work);
        if (!tuned)
            return fail(tuned.error().toString());
        const qint64 seconds = clock.elapsed() / 1000;
        auto after = evaluate(tuned.value(), paths, parser.isSet(verbose));
        if (!after)
            return fail(after.error().toString());
        say("after fine-tuning (" + std::to_string(seconds) + " s): sample/capitals-qa subset_of " + percent(after.value()));
        say("accuracy_before: " + std::to_string(before->accuracy()) + " fraction");
        say("accuracy_after: " + std::to_string(after->accuracy()) + " fraction");
        return 0;
    }
    if (command == "rerank") {
        if (auto s = rerankCheck(model, paths, parser.isSet(verbose)); !s)
            return fail(s.error().toString());
        return 0;
    }
    parser.showHelp(2);
}
