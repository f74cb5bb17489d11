// The training engine: the trainable model against the inference runtime, LoRA/DoRA/quantized-base
// math, which tensors get gradients, fake quantization, the DPO losses against hand-computed
// values, and runTraining end to end on tiny random models (loss goes down for full, LoRA, QAT and
// DPO; checkpoints load in the runtime; cancel; resume after a crash equals an uninterrupted run;
// bad plans are 400s).

#include "engine/models/causal_lm.h"
#include "engine/models/safetensors.h"
#include "engine/training/train_model_p.h"
#include "engine/training/trainer.h"
#include "engine/training/training_data.h"

#include "tiny_model.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <random>

using namespace wb;
using namespace wb::engine;

namespace {

ModelConfig qwenConfig()
{
    ModelConfig c = test::tinyConfig();
    c.architecture = "Qwen2ForCausalLM";
    c.modelType = "qwen2";
    c.attentionBias = true;
    c.tieWordEmbeddings = false;
    c.numKvHeads = 1; // GQA with 4 query heads per kv head
    c.ropeTheta = 1000000;
    return c;
}

ModelConfig llama3Config()
{
    ModelConfig c = test::tinyConfig();
    c.ropeTheta = 500000;
    c.ropeScaling.type = "llama3";
    c.ropeScaling.factor = 8;
    c.ropeScaling.lowFreqFactor = 1;
    c.ropeScaling.highFreqFactor = 4;
    c.ropeScaling.originalMaxPositionEmbeddings = 64;
    return c;
}

std::vector<int> randomTokens(std::mt19937 &rng, int n, int vocab)
{
    std::uniform_int_distribution<int> d(0, vocab - 1);
    std::vector<int> out(static_cast<size_t>(n), 0);
    for (int &t : out)
        t = d(rng);
    return out;
}

//! One row per sequence, padded; every token a target.
train::BatchTensors batchOf(const std::vector<std::vector<int>> &seqs)
{
    int T = 0;
    for (const auto &s : seqs)
        T = std::max(T, int(s.size()));
    const int B = int(seqs.size());
    std::vector<int> tok(size_t(B * T), 0), lab(size_t(B * T), kIgnore), seg(size_t(B * T), -1), pos(size_t(B * T), 0);
    for (int b = 0; b < B; ++b)
        for (size_t t = 0; t < seqs[size_t(b)].size(); ++t) {
            const size_t i = size_t(b * T) + t;
            tok[i] = seqs[size_t(b)][t];
            lab[i] = tok[i];
            seg[i] = 0;
            pos[i] = int(t);
        }
    return train::toTensors(B, T, tok, lab, seg, pos);
}

double maxDiff(const at::Tensor &a, const at::Tensor &b)
{
    return (a.to(at::kFloat) - b.to(at::kFloat)).abs().max().item<double>();
}

at::Tensor runtimeLogits(const CausalLm &m, const std::vector<int> &tokens)
{
    auto l = m.logitsAll(tokens);
    if (!l)
        return at::Tensor();
    return at::from_blob(l->data(), {int64_t(tokens.size()), m.config().vocabSize}, at::kFloat).clone();
}

api::LoraFinetuningConfig loraConfig(std::vector<std::string> modules, bool mlp = false, bool output = false)
{
    api::LoraFinetuningConfig c;
    c.lora_attn_modules = std::move(modules);
    c.apply_lora_to_mlp = mlp;
    c.apply_lora_to_output = output;
    c.rank = 4;
    c.alpha = 8;
    return c;
}

//! Random values in every adapter's B (and A), so the adapters change the model.
void perturbAdapters(train::TrainModel &m, uint64_t seed)
{
    at::NoGradGuard noGrad;
    at::manual_seed(seed);
    const auto perturb = [](train::Linear &l) {
        for (auto &a : l.adapters) {
            a.b.copy_(at::randn(a.b.sizes()) * 0.1);
            if (a.magnitude.defined())
                a.magnitude.mul_(1.0 + at::rand(a.magnitude.sizes()) * 0.2);
        }
    };
    for (auto &l : m.layers)
        for (train::Linear *lin : {&l.qkv, &l.o, &l.gateUp, &l.down})
            perturb(*lin);
    perturb(m.lmHead);
}

//! Writes the merged tensors as a model folder.
bool saveMerged(const train::TrainModel &m, const QString &folder)
{
    ModelConfig c;
    const auto tensors = m.mergedTensors(&c);
    QDir().mkpath(folder);
    QFile f(QDir(folder).filePath("config.json"));
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.write(QByteArray::fromStdString(c.toJsonText()));
    f.close();
    std::vector<SafetensorsEntry> entries;
    for (const auto &[name, t] : tensors)
        entries.push_back({name, t.sizes().vec(), t.data_ptr<float>(), {}});
    return bool(writeSafetensors(QDir(folder).filePath("model.safetensors"), entries));
}

class Recorder : public TrainingHooks
{
public:
    void step(const api::TrainingStepMetric &m) override { steps.push_back(m); }
    void checkpoint(const SavedCheckpoint &c) override { checkpoints.push_back(c); }
    bool cancelled() const override { return cancelAfter >= 0 && int(steps.size()) >= cancelAfter; }

    std::vector<api::TrainingStepMetric> steps;
    std::vector<SavedCheckpoint> checkpoints;
    int cancelAfter = -1;
};

//! Short examples to memorise: a prompt (not trained) then an answer.
std::vector<SftExample> memorisationSet(int count, int vocab, uint64_t seed)
{
    std::mt19937 rng{static_cast<uint32_t>(seed)};
    std::vector<SftExample> out;
    for (int i = 0; i < count; ++i) {
        SftExample e;
        e.tokens = randomTokens(rng, 12, vocab);
        e.labels = e.tokens;
        for (int t = 0; t < 4; ++t)
            e.labels[size_t(t)] = kIgnore;
        out.push_back(e);
    }
    return out;
}

TrainingPlan basePlan(const QString &model, const QString &out, TrainingMethod method)
{
    TrainingPlan p;
    p.method = method;
    p.baseFolder = model;
    p.outputDir = out;
    p.checkpointPrefix = "tiny";
    p.training.n_epochs = 1;
    p.training.max_steps_per_epoch = 30;
    p.training.dtype = "fp32";
    api::DataConfig dc;
    dc.batch_size = 2;
    dc.shuffle = true;
    p.training.data_config = dc;
    api::OptimizerConfig oc;
    oc.optimizer_type = api::OptimizerType::AdamW;
    oc.lr = 1e-2;
    p.training.optimizer_config = oc;
    p.train = memorisationSet(4, test::kTinyVocab, 3);
    p.maxLength = 64;
    p.seed = 11;
    return p;
}

} // namespace

class TrainingTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_tiny;

    QString modelFolder(const char *name, const ModelConfig &c)
    {
        const QString folder = m_dir.filePath(QString::fromLatin1(name));
        if (!QFile::exists(folder + "/config.json"))
            [&] { QVERIFY(bool(writeRandomModel(folder, c, 5, 0.3))); }();
        return folder;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_tiny = m_dir.filePath("tiny");
        QVERIFY(bool(test::writeTinyModel(m_tiny, 7, true)));
    }

    void trainingForwardMatchesInferenceLogits_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("llama tied") << "tiny";
        QTest::newRow("qwen2 biases gqa untied") << "qwen";
        QTest::newRow("llama3 rope scaling") << "llama3";
    }
    void trainingForwardMatchesInferenceLogits()
    {
        QFETCH(QString, kind);
        const QString folder = kind == "tiny"  ? m_tiny
                               : kind == "qwen" ? modelFolder("qwen", qwenConfig())
                                                : modelFolder("llama3", llama3Config());
        auto runtime = CausalLm::load(folder);
        QVERIFY(runtime);
        auto model = train::TrainModel::load(folder, {});
        QVERIFY(model);
        std::mt19937 rng(1);
        const int V = runtime.value()->config().vocabSize;
        const std::vector<int> a = randomTokens(rng, 40, V), b = randomTokens(rng, 23, V);
        at::NoGradGuard noGrad;
        // One sequence, then a padded batch of two.
        const at::Tensor ref = runtimeLogits(*runtime.value(), a);
        QVERIFY(maxDiff(model.value()->logits(batchOf({a})), ref) < 1e-4);
        const at::Tensor both = model.value()->logits(batchOf({a, b})).view({2, 40, V});
        QVERIFY(maxDiff(both[0], ref) < 1e-4);
        QVERIFY(maxDiff(both[1].narrow(0, 0, 23), runtimeLogits(*runtime.value(), b)) < 1e-4);
        // Packed: b after a in one row; b's logits are those of b alone (attention stays inside
        // a segment, positions restart).
        std::vector<int> tok = a, seg(a.size(), 0), pos, lab;
        tok.insert(tok.end(), b.begin(), b.end());
        seg.insert(seg.end(), b.size(), 1);
        for (size_t i = 0; i < a.size(); ++i)
            pos.push_back(int(i));
        for (size_t i = 0; i < b.size(); ++i)
            pos.push_back(int(i));
        lab = tok;
        const at::Tensor packed = model.value()->logits(train::toTensors(1, int(tok.size()), tok, lab, seg, pos));
        QVERIFY(maxDiff(packed.narrow(0, 40, 23), runtimeLogits(*runtime.value(), b)) < 1e-4);
    }

    void loraMergedWeightIsBasePlusScaledBA()
    {
        train::ModelOptions o;
        o.trainBase = false;
        o.lora = train::adapterSpec(loraConfig({"q_proj", "v_proj", "output_proj"}, true, true)).value();
        auto model = train::TrainModel::load(m_tiny, o);
        QVERIFY(model);
        train::TrainModel &m = *model.value();
        perturbAdapters(m, 3);
        at::NoGradGuard noGrad;
        const train::Linear &qkv = m.layers[1].qkv;
        QCOMPARE(qkv.adapters.size(), size_t(2));
        const at::Tensor merged = qkv.merged();
        at::Tensor expected = qkv.weight.clone();
        for (const auto &a : qkv.adapters)
            expected.narrow(0, a.offset, a.size).add_(at::mm(a.b, a.a) * (8.0 / 4.0));
        QVERIFY(maxDiff(merged, expected) < 1e-6);
        // k rows are untouched.
        QVERIFY(maxDiff(merged.narrow(0, 32, 16), qkv.weight.narrow(0, 32, 16)) == 0);
        // The merged model (runtime) computes the adapted model's logits; the tied head with an
        // adapter is saved untied.
        const QString folder = m_dir.filePath("lora-merged");
        QVERIFY(saveMerged(m, folder));
        auto runtime = CausalLm::load(folder);
        QVERIFY(runtime);
        QVERIFY(!runtime.value()->config().tieWordEmbeddings);
        std::mt19937 rng(2);
        const std::vector<int> a = randomTokens(rng, 30, test::kTinyVocab);
        const at::Tensor adapted = m.logits(batchOf({a}));
        QVERIFY(maxDiff(adapted, runtimeLogits(*runtime.value(), a)) < 1e-4);
        // ...and differs from the base.
        auto base = CausalLm::load(m_tiny);
        QVERIFY(maxDiff(adapted, runtimeLogits(*base.value(), a)) > 1e-2);
    }

    void doraAndQuantizedBaseMergeAsThePaperSays()
    {
        train::ModelOptions o;
        o.trainBase = false;
        api::LoraFinetuningConfig c = loraConfig({"q_proj", "k_proj", "v_proj", "o_proj"}, true);
        c.use_dora = true;
        c.quantize_base = true;
        o.lora = train::adapterSpec(c).value();
        auto model = train::TrainModel::load(m_tiny, o);
        QVERIFY(model);
        train::TrainModel &m = *model.value();
        auto full = train::TrainModel::load(m_tiny, {});
        const train::Linear &down = m.layers[0].down;
        at::NoGradGuard noGrad;
        // int8 per output channel: dequantized within half a step of the original.
        QVERIFY(!down.weight.defined());
        QCOMPARE(down.qweight.scalar_type(), at::kChar);
        const at::Tensor original = full.value()->layers[0].down.weight;
        QVERIFY(((down.baseWeight() - original).abs() <= down.qscale * 0.5 + 1e-7).all().item<bool>());
        // At init DoRA's magnitude is the row norm, so the model is the (quantized) base.
        QVERIFY(maxDiff(down.adapters[0].magnitude, down.baseWeight().norm(2, {1})) < 1e-6);
        perturbAdapters(m, 4);
        const train::Adapter &a = down.adapters[0];
        const at::Tensor direction = down.baseWeight() + at::mm(a.b, a.a) * 2.0;
        const at::Tensor expected = direction * (a.magnitude / direction.norm(2, {1})).unsqueeze(1);
        QVERIFY(maxDiff(down.merged(), expected) < 1e-6);
        // The merged model computes what the DoRA model computes.
        const QString folder = m_dir.filePath("dora-merged");
        QVERIFY(saveMerged(m, folder));
        auto runtime = CausalLm::load(folder);
        QVERIFY(runtime);
        std::mt19937 rng(3);
        const std::vector<int> t = randomTokens(rng, 20, test::kTinyVocab);
        QVERIFY(maxDiff(m.logits(batchOf({t})), runtimeLogits(*runtime.value(), t)) < 1e-4);
    }

    void gradientsReachOnlyTrainableParameters()
    {
        std::mt19937 rng(4);
        const auto batch = batchOf({randomTokens(rng, 16, test::kTinyVocab), randomTokens(rng, 10, test::kTinyVocab)});
        {
            train::ModelOptions o;
            o.trainBase = false;
            o.lora = train::adapterSpec(loraConfig({"q_proj", "v_proj"}, true)).value();
            auto m = train::TrainModel::load(m_tiny, o).value();
            m->lossSum(batch).backward();
            const auto trainable = m->trainable();
            QCOMPARE(trainable.size(), size_t(2 * (2 + 3) * 2)); // layers x adapters x (A, B)
            for (const auto &[name, t] : trainable) {
                QVERIFY2(t.grad().defined(), name.c_str());
                if (name.find("lora_B") != std::string::npos) // A's gradient is 0 while B = 0
                    QVERIFY2(t.grad().abs().sum().item<double>() > 0, name.c_str());
            }
            QVERIFY(!m->embed.grad().defined());
            QVERIFY(!m->layers[0].qkv.weight.grad().defined());
            QVERIFY(!m->layers[0].inputNorm.grad().defined());
            QVERIFY(!m->norm.grad().defined());
        }
        {
            auto m = train::TrainModel::load(m_tiny, {}).value();
            m->lossSum(batch).backward();
            const auto trainable = m->trainable();
            QCOMPARE(trainable.size(), size_t(1 + 2 * 6 + 1)); // embed, per layer 2 norms + 4 linears, norm
            for (const auto &[name, t] : trainable)
                QVERIFY2(t.grad().defined() && t.grad().abs().sum().item<double>() > 0, name.c_str());
        }
    }

    void customRmsNormAndSwigluGradientsMatchAten()
    {
        at::manual_seed(5);
        const at::Tensor x = at::randn({7, 32}, at::kDouble).to(at::kFloat).requires_grad_(true);
        const at::Tensor w = (at::rand({32}) + 0.5).requires_grad_(true);
        const at::Tensor g = at::randn({7, 32});
        const at::Tensor y = train::rmsNorm(x, w, 1e-5);
        const auto grads = torch::autograd::grad({y}, {x, w}, {g});
        const at::Tensor x2 = x.detach().requires_grad_(true), w2 = w.detach().requires_grad_(true);
        const at::Tensor y2 = x2 * at::rsqrt(x2.pow(2).mean(-1, true) + 1e-5) * w2;
        const auto grads2 = torch::autograd::grad({y2}, {x2, w2}, {g});
        QVERIFY(maxDiff(y, y2) < 1e-5);
        QVERIFY(maxDiff(grads[0], grads2[0]) < 1e-4);
        QVERIFY(maxDiff(grads[1], grads2[1]) < 1e-4);
    }

    void activationCheckpointingGivesTheSameGradients()
    {
        std::mt19937 rng(6);
        const auto batch = batchOf({randomTokens(rng, 20, test::kTinyVocab)});
        for (bool lora : {false, true}) {
            train::ModelOptions o;
            if (lora) {
                o.trainBase = false;
                o.lora = train::adapterSpec(loraConfig({"q_proj", "v_proj"})).value();
            }
            auto plain = train::TrainModel::load(m_tiny, o).value();
            o.checkpointActivations = true;
            auto ckpt = train::TrainModel::load(m_tiny, o).value();
            perturbAdapters(*plain, 1);
            perturbAdapters(*ckpt, 1);
            const at::Tensor l1 = plain->lossSum(batch), l2 = ckpt->lossSum(batch);
            l1.backward();
            l2.backward();
            QVERIFY(std::abs(l1.item<double>() - l2.item<double>()) < 1e-5);
            const auto t1 = plain->trainable(), t2 = ckpt->trainable();
            QCOMPARE(t1.size(), t2.size());
            for (size_t i = 0; i < t1.size(); ++i) {
                QVERIFY2(t2[i].second.grad().defined(), t2[i].first.c_str());
                QVERIFY2(maxDiff(t1[i].second.grad(), t2[i].second.grad()) < 1e-5, t1[i].first.c_str());
            }
        }
    }

    void fakeQuantizationIsOnTheGridWithStraightThroughGradients()
    {
        at::manual_seed(7);
        const at::Tensor w = at::randn({4, 16}).requires_grad_(true);
        const at::Tensor fq = train::fakeQuantizeWeight(w, 4, 8);
        // Each group of 8 has 16 levels: value / scale is an integer in [-8, 7], scale = max|w| / 7.5.
        const at::Tensor groups = w.detach().view({4, 2, 8});
        const at::Tensor scale = groups.abs().amax(-1, true) / 7.5;
        const at::Tensor q = fq.detach().view({4, 2, 8}) / scale;
        QVERIFY(maxDiff(q, q.round()) < 1e-4);
        QVERIFY(q.min().item<double>() >= -8 - 1e-4 && q.max().item<double>() <= 7 + 1e-4);
        QVERIFY(maxDiff(fq, w) > 0);
        fq.sum().backward();
        QVERIFY(maxDiff(w.grad(), at::ones_like(w)) == 0);

        const at::Tensor x = at::randn({3, 16}).requires_grad_(true);
        const at::Tensor fx = train::fakeQuantizeActivations(x);
        QVERIFY(maxDiff(fx, x) < (x.max() - x.min()).item<double>() / 255.0);
        // Per token, at most 256 distinct levels.
        for (int r = 0; r < 3; ++r)
            QVERIFY(std::get<0>(at::_unique(fx[r].detach())).numel() <= 256);
    }

    void dpoLossesMatchHandComputedValues()
    {
        // Two pairs: policy chosen/rejected and reference chosen/rejected log-probabilities.
        const std::vector<double> pc{-5.0, -3.0}, pr{-6.0, -2.0}, rc{-5.5, -3.5}, rr{-5.0, -2.5};
        const double beta = 0.5;
        std::vector<double> h;
        for (size_t i = 0; i < 2; ++i)
            h.push_back((pc[i] - pr[i]) - (rc[i] - rr[i])); // 1.5, -1.0
        const auto sig = [](double z) { return 1.0 / (1.0 + std::exp(-z)); };
        double sigmoid = 0, hinge = 0, ipo = 0;
        for (double v : h) {
            sigmoid += -std::log(sig(beta * v)) / 2;
            hinge += std::max(0.0, 1 - beta * v) / 2;
            ipo += std::pow(v - 1 / (2 * beta), 2) / 2;
        }
        const double chosenKl = std::max(0.0, ((pc[0] - rc[0]) + (pc[1] - rc[1])) / 2);   // 0.5
        const double rejectedKl = std::max(0.0, ((pr[0] - rr[0]) + (pr[1] - rr[1])) / 2); // -0.25 → 0
        double kto = 0;
        for (size_t i = 0; i < 2; ++i) {
            kto += (1 - sig(beta * ((pc[i] - rc[i]) - rejectedKl))) / 4;
            kto += (1 - sig(beta * (chosenKl - (pr[i] - rr[i])))) / 4;
        }
        const auto t = [](const std::vector<double> &v) { return at::tensor(v, at::kDouble); };
        const auto loss = [&](api::DPOLossType type) {
            return train::dpoLoss(type, beta, t(pc), t(pr), t(rc), t(rr)).item<double>();
        };
        QVERIFY(std::abs(loss(api::DPOLossType::Sigmoid) - sigmoid) < 1e-12);
        QVERIFY(std::abs(loss(api::DPOLossType::Hinge) - hinge) < 1e-12);
        QVERIFY(std::abs(loss(api::DPOLossType::Ipo) - ipo) < 1e-12);
        QVERIFY(std::abs(loss(api::DPOLossType::KtoPair) - kto) < 1e-12);
        // Spot value: the first pair alone, h = 1.5: -log σ(0.75) = log(1 + e^-0.75).
        QVERIFY(std::abs(train::dpoLoss(api::DPOLossType::Sigmoid, beta, t({-5}), t({-6}), t({-5.5}), t({-5}))
                             .item<double>()
                         - 0.38687100611489994)
                < 1e-12);
    }

    void lossDecreasesOnAMemorisationTask_data()
    {
        QTest::addColumn<int>("method");
        QTest::newRow("full") << int(TrainingMethod::Full);
        QTest::newRow("lora") << int(TrainingMethod::Lora);
        QTest::newRow("qat") << int(TrainingMethod::Qat);
    }
    void lossDecreasesOnAMemorisationTask()
    {
        QFETCH(int, method);
        QTemporaryDir out;
        TrainingPlan p = basePlan(m_tiny, out.path(), TrainingMethod(method));
        if (p.method == TrainingMethod::Lora) {
            p.lora = loraConfig({"q_proj", "k_proj", "v_proj", "o_proj"}, true, false);
            p.lora->rank = 8;
            p.training.optimizer_config->lr = 3e-2;
        }
        if (p.method == TrainingMethod::Qat)
            p.qat = api::QATFinetuningConfig{"Int8DynActInt4WeightQATQuantizer", 16};
        p.validation = memorisationSet(2, test::kTinyVocab, 3); // the first two training examples
        p.training.max_validation_steps = 1;
        Recorder r;
        auto outcome = runTraining(p, r);
        QVERIFY2(outcome, outcome ? "" : outcome.error().toString().c_str());
        QCOMPARE(outcome->steps, int64_t(2)); // 4 examples, batch 2, one epoch
        // One epoch is too short: train more epochs.
        p.training.n_epochs = 15;
        Recorder r2;
        outcome = runTraining(p, r2);
        QVERIFY(outcome);
        QCOMPARE(int(r2.steps.size()), 30);
        const double first = r2.steps.front().loss, last = r2.steps.back().loss;
        qInfo("%s: loss %.3f -> %.3f", trainingMethodName(p.method), first, last);
        QVERIFY(last < 0.5 * first);
        QVERIFY(r2.steps.back().validation_loss.has_value());
        QCOMPARE(int(r2.checkpoints.size()), 15);
        const SavedCheckpoint &c = r2.checkpoints.back();
        QVERIFY(c.validated);
        QVERIFY(std::abs(c.metrics.perplexity - std::exp(c.metrics.validation_loss)) < 1e-9);
        QVERIFY(c.metrics.validation_loss < r2.checkpoints.front().metrics.validation_loss);
        for (const auto &s : r2.steps) {
            QVERIFY(s.tokens == 24 && s.tokens_per_second > 0 && s.grad_norm > 0);
        }
        QVERIFY(outcome->peakBytes > 0);
    }

    void checkpointRoundTripsThroughTheRuntimeAndPeftNames()
    {
        QTemporaryDir out;
        TrainingPlan p = basePlan(m_tiny, out.path(), TrainingMethod::Lora);
        p.lora = loraConfig({"q_proj", "output_proj"}, true, false);
        p.training.max_steps_per_epoch = 2;
        Recorder r;
        auto outcome = runTraining(p, r);
        QVERIFY2(outcome, outcome ? "" : outcome.error().toString().c_str());
        QCOMPARE(int(r.checkpoints.size()), 1);
        const QDir dir(r.checkpoints[0].folder);
        QCOMPARE(r.checkpoints[0].identifier, std::string("tiny-0"));
        for (const char *f : {"config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
                              "generation_config.json", "adapter/adapter_model.safetensors",
                              "adapter/adapter_config.json", "training_state/trainer_state.json",
                              "training_state/params.pt", "training_state/optimizer.pt"})
            QVERIFY2(dir.exists(f), f);
        QFile cfg(dir.filePath("adapter/adapter_config.json"));
        QVERIFY(cfg.open(QIODevice::ReadOnly));
        const auto j = nlohmann::json::parse(cfg.readAll().toStdString());
        QCOMPARE(j.at("peft_type").get<std::string>(), std::string("LORA"));
        QCOMPARE(j.at("r").get<int>(), 4);
        QCOMPARE(j.at("target_modules").get<std::vector<std::string>>(),
                 (std::vector<std::string>{"q_proj", "o_proj", "gate_proj", "up_proj", "down_proj"}));
        // The adapter file: PEFT names and shapes.
        auto adapter = SafetensorsFile::open(dir.filePath("adapter/adapter_model.safetensors"));
        QVERIFY(adapter);
        const TensorView *qa = adapter.value()->find("base_model.model.model.layers.1.self_attn.q_proj.lora_A.weight");
        const TensorView *qb = adapter.value()->find("base_model.model.model.layers.1.self_attn.q_proj.lora_B.weight");
        const TensorView *db = adapter.value()->find("base_model.model.model.layers.0.mlp.down_proj.lora_B.weight");
        QVERIFY(qa && qb && db);
        QCOMPARE(qa->shape, (std::vector<int64_t>{4, 32}));
        QCOMPARE(qb->shape, (std::vector<int64_t>{32, 4}));
        QCOMPARE(db->shape, (std::vector<int64_t>{32, 4}));
        QCOMPARE(adapter.value()->tensors().size(), size_t(2 * 5 * 2));
        // Base + the saved adapter (set into a fresh LoRA model) == the saved merged model.
        train::ModelOptions o;
        o.trainBase = false;
        o.lora = train::adapterSpec(*p.lora).value();
        auto m = train::TrainModel::load(m_tiny, o).value();
        {
            at::NoGradGuard noGrad;
            for (const auto &[name, t] : m->adapterTensors()) {
                const TensorView *v = adapter.value()->find(name);
                QVERIFY2(v, name.c_str());
                at::Tensor(t).copy_(at::from_blob(const_cast<unsigned char *>(v->data), v->shape, at::kFloat));
            }
        }
        // adapterTensors() returns contiguous views of the live adapters, so the copies landed.
        auto runtime = CausalLm::load(dir.path());
        QVERIFY(runtime);
        std::mt19937 rng(8);
        const std::vector<int> t = randomTokens(rng, 25, test::kTinyVocab);
        at::NoGradGuard noGrad;
        const at::Tensor adapted = m->logits(batchOf({t}));
        QVERIFY(maxDiff(adapted, runtimeLogits(*runtime.value(), t)) < 1e-4);
        QVERIFY(maxDiff(adapted, runtimeLogits(*CausalLm::load(m_tiny).value(), t)) > 1e-3); // it trained
        auto resume = readResumePoint(dir.path());
        QVERIFY(resume);
        QCOMPARE(resume->step, int64_t(2));
        QVERIFY(resume->endOfEpoch);
        QCOMPARE(readResumePoint(m_tiny).error().status, 400);
    }

    void cancelStopsWithinOneStep()
    {
        QTemporaryDir out;
        TrainingPlan p = basePlan(m_tiny, out.path(), TrainingMethod::Full);
        p.training.gradient_accumulation_steps = 2;
        p.train = memorisationSet(16, test::kTinyVocab, 4);
        Recorder r;
        r.cancelAfter = 1;
        auto outcome = runTraining(p, r);
        QVERIFY(outcome);
        QVERIFY(outcome->cancelled);
        QCOMPARE(outcome->steps, int64_t(1));
        QCOMPARE(int(r.steps.size()), 1);
        QVERIFY(r.checkpoints.empty());
    }

    void resumeAfterACrashEqualsAnUninterruptedRun_data()
    {
        QTest::addColumn<int>("method");
        QTest::newRow("lora") << int(TrainingMethod::Lora);
        QTest::newRow("full") << int(TrainingMethod::Full);
    }
    void resumeAfterACrashEqualsAnUninterruptedRun()
    {
        QFETCH(int, method);
        QTemporaryDir out;
        TrainingPlan p = basePlan(m_tiny, out.path(), TrainingMethod(method));
        if (p.method == TrainingMethod::Lora)
            p.lora = loraConfig({"q_proj", "v_proj"}, true);
        p.train = memorisationSet(12, test::kTinyVocab, 5);
        p.training.n_epochs = 2; // 6 steps per epoch
        p.training.optimizer_config->num_warmup_steps = 2;
        p.checkpointEverySteps = 4;
        Recorder whole;
        QVERIFY(runTraining(p, whole));
        QCOMPARE(int(whole.steps.size()), 12);

        QTemporaryDir out2;
        p.outputDir = out2.path();
        Recorder crashed;
        crashed.cancelAfter = 4; // dies right after step 4's checkpoint
        auto first = runTraining(p, crashed);
        QVERIFY(first && first->cancelled);
        QCOMPARE(crashed.checkpoints.back().identifier, std::string("tiny-0-step4"));
        p.resumeFrom = crashed.checkpoints.back().folder;
        Recorder resumed;
        auto second = runTraining(p, resumed);
        QVERIFY2(second, second ? "" : second.error().toString().c_str());
        QCOMPARE(second->steps, int64_t(12));
        QCOMPARE(int(resumed.steps.size()), 8);
        for (size_t i = 0; i < resumed.steps.size(); ++i) {
            const auto &a = whole.steps[i + 4], &b = resumed.steps[i];
            QCOMPARE(b.step, a.step);
            QCOMPARE(b.lr, a.lr);
            QVERIFY2(std::abs(a.loss - b.loss) < 1e-5, qPrintable(QString("step %1: %2 vs %3").arg(a.step).arg(a.loss).arg(b.loss)));
        }
        // The epoch's train loss counts the steps before the crash too.
        QVERIFY(std::abs(resumed.checkpoints.front().metrics.train_loss - whole.checkpoints[1].metrics.train_loss) < 1e-5);
    }

    void dpoTrainsAgainstAFrozenReference_data()
    {
        QTest::addColumn<int>("loss");
        QTest::newRow("sigmoid") << int(api::DPOLossType::Sigmoid);
        QTest::newRow("hinge") << int(api::DPOLossType::Hinge);
        QTest::newRow("ipo") << int(api::DPOLossType::Ipo);
        QTest::newRow("kto_pair") << int(api::DPOLossType::KtoPair);
    }
    void dpoTrainsAgainstAFrozenReference()
    {
        QFETCH(int, loss);
        QTemporaryDir out;
        TrainingPlan p = basePlan(m_tiny, out.path(), TrainingMethod::Dpo);
        p.train.clear();
        p.dpo = api::DPOAlignmentConfig{0.5, api::DPOLossType(loss)};
        p.training.optimizer_config->lr = 3e-3;
        p.training.n_epochs = 8;
        std::mt19937 rng(9);
        for (int i = 0; i < 4; ++i)
            p.preferenceTrain.push_back({randomTokens(rng, 6, test::kTinyVocab), randomTokens(rng, 4, test::kTinyVocab),
                                         randomTokens(rng, 5, test::kTinyVocab)});
        Recorder r;
        auto outcome = runTraining(p, r);
        QVERIFY2(outcome, outcome ? "" : outcome.error().toString().c_str());
        QCOMPARE(int(r.steps.size()), 16);
        // Policy == reference at the start: h = 0.
        const double beta = 0.5;
        const double atStart[] = {std::log(2.0), 1.0, std::pow(1 / (2 * beta), 2), 0.5};
        QVERIFY2(std::abs(r.steps.front().loss - atStart[loss]) < 1e-5, qPrintable(QString::number(r.steps.front().loss)));
        qInfo("loss %.4f -> %.4f", r.steps.front().loss, r.steps.back().loss);
        QVERIFY(r.steps.back().loss < r.steps.front().loss);
    }

    void bf16RunsWhereTheKernelsSupportIt()
    {
        QTemporaryDir out;
        TrainingPlan p = basePlan(m_tiny, out.path(), TrainingMethod::Lora);
        p.lora = loraConfig({"q_proj", "v_proj"});
        p.training.dtype = "bf16";
        p.training.max_steps_per_epoch = 2;
        api::EfficiencyConfig eff;
        eff.enable_activation_checkpointing = true;
        eff.fsdp_cpu_offload = true;
        p.training.efficiency_config = eff;
        Recorder r;
        auto outcome = runTraining(p, r);
        if (!outcome) {
            QCOMPARE(outcome.error().status, 400);
            QSKIP("no bf16 kernels on this CPU");
        }
        QCOMPARE(outcome->dtype, std::string("bf16"));
        for (const auto &n : outcome->notes)
            qInfo("note: %s", n.c_str());
        QCOMPARE(int(r.steps.size()), 2);
        QVERIFY(std::isfinite(r.steps.back().loss) && r.steps.back().loss > 0);
        bool noted = false;
        for (const auto &n : outcome->notes)
            noted = noted || n.find("fsdp_cpu_offload") != std::string::npos;
        QVERIFY(noted);
    }

    void badPlansAreBadRequests()
    {
        QTemporaryDir out;
        const auto status = [&](const TrainingPlan &p) {
            Recorder r;
            auto o = runTraining(p, r);
            return o ? 0 : o.error().status;
        };
        const auto detail = [&](const TrainingPlan &p) {
            Recorder r;
            auto o = runTraining(p, r);
            return o ? std::string() : o.error().detail;
        };
        TrainingPlan p = basePlan(m_tiny, out.path(), TrainingMethod::Lora);
        p.lora = loraConfig({"q_proj", "gate_proj"});
        QCOMPARE(status(p), 400);
        QVERIFY(detail(p).find("q_proj, k_proj, v_proj, o_proj, output_proj") != std::string::npos);
        p = basePlan(m_tiny, out.path(), TrainingMethod::Qat);
        p.qat = api::QATFinetuningConfig{"Int8DynActInt4WeightQuantizer", 16};
        QVERIFY(detail(p).find("Int4WeightOnlyQATQuantizer") != std::string::npos);
        p.qat = api::QATFinetuningConfig{"int4w", 24}; // does not divide 32
        QVERIFY(detail(p).find("group_size") != std::string::npos);
        p = basePlan(m_tiny, out.path(), TrainingMethod::Full);
        p.training.optimizer_config->lr = 0;
        QVERIFY(detail(p).find("lr") != std::string::npos);
        p = basePlan(m_tiny, out.path(), TrainingMethod::Full);
        p.training.dtype = "fp16";
        QVERIFY(detail(p).find("dtype") != std::string::npos);
        QCOMPARE(status(p), 400);
    }

    void plannedStepsFollowsBatchesAccumulationAndCap()
    {
        TrainingPlan p = basePlan(m_tiny, m_dir.path(), TrainingMethod::Full);
        p.train = memorisationSet(10, test::kTinyVocab, 1); // 5 batches of 2
        p.training.n_epochs = 3;
        p.training.gradient_accumulation_steps = 2;
        QCOMPARE(plannedSteps(p).perEpoch, int64_t(2));
        QCOMPARE(plannedSteps(p).total, int64_t(6));
        p.training.max_steps_per_epoch = 1;
        QCOMPARE(plannedSteps(p).total, int64_t(3));
    }
};

QTEST_GUILESS_MAIN(TrainingTest)
#include "tst_training.moc"
