// runTraining (trainer.h): the optimizer loop around TrainModel (train_model_p.h): micro-batches
// grouped into optimizer steps, the learning-rate schedule, clipping, validation, DPO against a
// frozen reference, checkpoints (merged model, PEFT adapter, resumable training state), resume,
// cancel.
//
// Choices (docs/training.md):
// - adam and adamw: betas (0.9, 0.95), eps 1e-8 (torchtune's recipe, which upstream runs);
//   adam's weight_decay is L2 added to the gradient, adamw's is decoupled; sgd: momentum 0.9.
// - Learning rate of step s (0-based, over the whole run of S steps) as torchtune's
//   get_cosine_schedule_with_warmup: lr * s / w during the w warm-up steps, then
//   lr * 0.5 * (1 + cos(pi * (s - w) / (S - w))).
// - An epoch with fewer micro-batches than gradient_accumulation_steps runs one step over the
//   micro-batches it has (upstream would run none).

#include "trainer.h"

#include "train_model_p.h"

#include "api/json_io.h"
#include "engine/models/safetensors.h"
#include "engine/models/torch_runtime.h"

#include <ATen/autocast_mode.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <chrono>
#include <cmath>

#if defined(__linux__)
#include <dlfcn.h>
#endif

namespace wb::engine {

const char *trainingMethodName(TrainingMethod m)
{
    switch (m) {
    case TrainingMethod::Full: return "full";
    case TrainingMethod::Lora: return "lora";
    case TrainingMethod::Qat: return "qat";
    case TrainingMethod::Dpo: return "dpo";
    }
    return "full";
}

namespace {

using Clock = std::chrono::steady_clock;
constexpr double kClipNorm = 1.0;

std::string fileText(const QString &path) { return QDir::toNativeSeparators(path).toStdString(); }

api::DataConfig dataConfig(const TrainingPlan &plan)
{
    return plan.training.data_config.value_or(api::DataConfig{});
}

BatchPlan batchPlan(const TrainingPlan &plan, bool validation)
{
    const api::DataConfig dc = dataConfig(plan);
    BatchPlan b;
    b.batchSize = std::max(1, dc.batch_size);
    b.shuffle = validation ? false : dc.shuffle;
    b.seed = plan.seed;
    b.packed = dc.packed;
    b.maxLength = plan.maxLength;
    b.padId = plan.padId;
    b.dropLast = !validation;
    return b;
}

//! Micro-batches of one epoch and how they group into optimizer steps.
struct EpochPlan
{
    std::vector<SftBatch> sft;                //!< SFT methods
    std::vector<std::vector<size_t>> pairs;   //!< DPO: indexes into preferenceTrain per micro-batch
    int64_t units = 0;                        //!< micro-batches
    int64_t accumulation = 1;                 //!< micro-batches per step
    int64_t steps = 0;
};

std::vector<std::vector<size_t>> pairBatches(size_t count, const BatchPlan &bp, int epoch, bool dropLast)
{
    const std::vector<size_t> order = epochOrder(count, bp, epoch);
    std::vector<std::vector<size_t>> out;
    for (size_t i = 0; i < order.size(); i += size_t(bp.batchSize)) {
        const size_t end = std::min(order.size(), i + size_t(bp.batchSize));
        if (end - i < size_t(bp.batchSize) && dropLast && !out.empty())
            break;
        out.emplace_back(order.begin() + long(i), order.begin() + long(end));
    }
    return out;
}

EpochPlan epochPlan(const TrainingPlan &plan, int epoch)
{
    EpochPlan e;
    const BatchPlan bp = batchPlan(plan, false);
    if (plan.method == TrainingMethod::Dpo) {
        e.pairs = pairBatches(plan.preferenceTrain.size(), bp, epoch, true);
        e.units = int64_t(e.pairs.size());
    } else {
        e.sft = makeSftBatches(plan.train, bp, epoch);
        e.units = int64_t(e.sft.size());
    }
    const int64_t accum = std::max(1, plan.training.gradient_accumulation_steps);
    e.accumulation = std::max<int64_t>(1, std::min(accum, e.units));
    e.steps = e.units == 0 ? 0 : std::min<int64_t>(e.units / e.accumulation, std::max(1, plan.training.max_steps_per_epoch));
    return e;
}

double learningRate(double base, int64_t step, int64_t warmup, int64_t total)
{
    if (step < warmup)
        return base * double(step) / double(std::max<int64_t>(1, warmup));
    const double progress = double(step - warmup) / double(std::max<int64_t>(1, total - warmup));
    return base * std::max(0.0, 0.5 * (1.0 + std::cos(M_PI * progress)));
}

//! Restarts the kernel's peak-RSS count (VmHWM), so peakResidentBytes measures this run.
void resetPeakResident()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    if (f.open(QIODevice::WriteOnly))
        f.write("5");
}

int64_t peakResidentBytes()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() * 1024;
    return 0;
}

api::Status validatePlan(const TrainingPlan &plan)
{
    const api::TrainingConfig &t = plan.training;
    if (!t.optimizer_config)
        return api::Error::badRequest("training_config.optimizer_config: field required");
    const api::OptimizerConfig &o = *t.optimizer_config;
    if (!(o.lr > 0))
        return api::Error::badRequest("training_config.optimizer_config.lr: must be greater than 0, got "
                                      + std::to_string(o.lr));
    if (o.weight_decay < 0)
        return api::Error::badRequest("training_config.optimizer_config.weight_decay: must not be negative");
    if (o.num_warmup_steps < 0)
        return api::Error::badRequest("training_config.optimizer_config.num_warmup_steps: must not be negative");
    if (t.n_epochs < 1)
        return api::Error::badRequest("training_config.n_epochs: must be at least 1, got " + std::to_string(t.n_epochs));
    if (t.max_steps_per_epoch < 1)
        return api::Error::badRequest("training_config.max_steps_per_epoch: must be at least 1, got "
                                      + std::to_string(t.max_steps_per_epoch));
    if (t.gradient_accumulation_steps < 1)
        return api::Error::badRequest("training_config.gradient_accumulation_steps: must be at least 1, got "
                                      + std::to_string(t.gradient_accumulation_steps));
    if (t.max_validation_steps < 0)
        return api::Error::badRequest("training_config.max_validation_steps: must not be negative");
    if (t.dtype != "fp32" && t.dtype != "bf16")
        return api::Error::badRequest("training_config.dtype: '" + t.dtype + "' is not supported; use fp32 or bf16");
    if (dataConfig(plan).batch_size < 1)
        return api::Error::badRequest("training_config.data_config.batch_size: must be at least 1");
    if (plan.maxLength < 2)
        return api::Error::badRequest("maxLength: must be at least 2");
    switch (plan.method) {
    case TrainingMethod::Lora:
        if (!plan.lora)
            return api::Error::badRequest("algorithm_config: LoRA settings required");
        break;
    case TrainingMethod::Qat:
        if (!plan.qat)
            return api::Error::badRequest("algorithm_config: QAT settings required");
        break;
    case TrainingMethod::Dpo:
        if (!plan.dpo)
            return api::Error::badRequest("algorithm_config: DPO settings required");
        if (!(plan.dpo->beta > 0))
            return api::Error::badRequest("algorithm_config.beta: must be greater than 0");
        if (plan.preferenceTrain.empty())
            return api::Error::badRequest("training_config.data_config.dataset_id: no preference pairs to train on");
        break;
    case TrainingMethod::Full: break;
    }
    if (plan.method != TrainingMethod::Dpo && plan.train.empty())
        return api::Error::badRequest("training_config.data_config.dataset_id: no examples to train on");
    return {};
}

//! CPU autocast to bfloat16 for the scope (matrix products in bf16, fp32 master weights).
class AutocastScope
{
public:
    explicit AutocastScope(bool on) : m_on(on)
    {
        if (!m_on)
            return;
        m_wasEnabled = at::autocast::is_cpu_enabled();
        m_wasDtype = at::autocast::get_autocast_cpu_dtype();
        at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
        at::autocast::set_cpu_enabled(true);
    }
    ~AutocastScope()
    {
        if (!m_on)
            return;
        at::autocast::clear_cache();
        at::autocast::set_cpu_enabled(m_wasEnabled);
        at::autocast::set_autocast_cpu_dtype(m_wasDtype);
    }

private:
    bool m_on;
    bool m_wasEnabled = false;
    at::ScalarType m_wasDtype = at::kBFloat16;
};

//! Whether bf16 matrix products run here, and whether they are much slower than fp32 (seconds
//! of a 256^3 product each).
struct Bf16Probe
{
    bool works = false;
    double fp32 = 0, bf16 = 0;
};

Bf16Probe probeBf16()
{
    Bf16Probe p;
    try {
        at::NoGradGuard noGrad;
        const at::Tensor a = at::randn({256, 256}), b = at::randn({256, 256});
        const at::Tensor ab = a.to(at::kBFloat16), bb = b.to(at::kBFloat16);
        const auto time = [](const at::Tensor &x, const at::Tensor &y) {
            at::mm(x, y);
            const auto t0 = Clock::now();
            for (int i = 0; i < 3; ++i)
                at::mm(x, y);
            return std::chrono::duration<double>(Clock::now() - t0).count();
        };
        const at::Tensor check = at::mm(ab, bb).to(at::kFloat);
        p.works = check.isfinite().all().item<bool>()
                  && (check - at::mm(a, b)).abs().max().item<double>() < 1.0; // bf16 rounding, ~0.1 here
        p.fp32 = time(a, b);
        p.bf16 = time(ab, bb);
    } catch (const std::exception &) {
        p.works = false;
    }
    return p;
}

//! OpenMP threads of the calling thread for the scope (omp_set_num_threads is per thread, so a
//! training job never changes the threads of inference running beside it). Looked up in the
//! libgomp libtorch already loaded, so there is nothing to link.
class OmpThreads
{
public:
    explicit OmpThreads(int threads)
    {
        using SetFn = void (*)(int);
        using GetFn = int (*)();
        static const auto fns = []() -> std::pair<SetFn, GetFn> {
#if defined(__linux__)
            if (void *lib = dlopen("libgomp.so.1", RTLD_LAZY | RTLD_NOLOAD))
                return {reinterpret_cast<SetFn>(dlsym(lib, "omp_set_num_threads")),
                        reinterpret_cast<GetFn>(dlsym(lib, "omp_get_max_threads"))};
#endif
            return {nullptr, nullptr};
        }();
        if (!fns.first || !fns.second)
            return;
        // ATen sets a thread's OpenMP threads lazily at its first parallel op: let that happen
        // first, so it cannot undo ours.
        (void)at::get_num_threads();
        (void)at::ones({1 << 17}).sum().item<float>();
        m_set = fns.first;
        m_previous = fns.second();
        m_set(threads);
    }
    ~OmpThreads()
    {
        if (m_set)
            m_set(m_previous);
    }
    OmpThreads(const OmpThreads &) = delete;
    OmpThreads &operator=(const OmpThreads &) = delete;

private:
    void (*m_set)(int) = nullptr;
    int m_previous = 0;
};

//! Threads for a run: one when a micro-batch is so small that handing work to other threads
//! costs more than it saves (measured on the tiny benchmark model: 1 thread ran a LoRA step 20x
//! faster than 2 on a busy 2-core machine), else torch's intra-op threads.
int threadsFor(const ModelConfig &c, int64_t rowsPerMicroBatch)
{
    const int64_t q = int64_t(c.numHeads) * c.headDim, kv = int64_t(c.numKvHeads) * c.headDim;
    const int64_t layerWeights = int64_t(c.hiddenSize) * (q + 2 * kv) + q * c.hiddenSize
                                 + 3 * int64_t(c.hiddenSize) * c.intermediateSize;
    constexpr int64_t kSmallWork = int64_t(1) << 25; // multiply-adds per layer and micro-batch
    return rowsPerMicroBatch * layerWeights < kSmallWork ? 1 : torchThreadCount();
}

// --- training state -------------------------------------------------------------------------------

struct Position
{
    int64_t step = 0;        //!< optimizer steps done over the run
    int64_t epoch = 0;
    bool endOfEpoch = true;
    int64_t stepInEpoch = 0; //!< steps done in `epoch`
    double epochLossSum = 0; //!< SFT: summed loss (token-weighted); DPO: sum of step losses
    double epochWeight = 0;  //!< SFT: tokens; DPO: steps
};

api::Status writeText(const QString &path, const std::string &text)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text.data(), qint64(text.size())) != qint64(text.size())
        || !f.commit())
        return api::Error::internal(fileText(path) + ": cannot write: " + f.errorString().toStdString());
    return {};
}

api::Status writeTensors(const QString &path, const std::vector<std::pair<std::string, at::Tensor>> &tensors,
                         const std::map<std::string, std::string> &metadata)
{
    std::vector<SafetensorsEntry> entries;
    std::vector<at::Tensor> keep;
    for (const auto &[name, t] : tensors) {
        keep.push_back(t.detach().to(at::kFloat).contiguous());
        SafetensorsEntry e;
        e.name = name;
        e.shape = keep.back().sizes().vec();
        e.data = keep.back().data_ptr<float>();
        entries.push_back(std::move(e));
    }
    return writeSafetensors(path, entries, metadata);
}

api::Json adapterConfig(const TrainingPlan &plan, const train::AdapterSpec &spec)
{
    api::Json j = api::Json::object();
    j["peft_type"] = "LORA";
    j["task_type"] = "CAUSAL_LM";
    j["r"] = spec.rank;
    j["lora_alpha"] = spec.alpha;
    j["lora_dropout"] = 0.0;
    j["bias"] = "none";
    j["target_modules"] = spec.targetModules();
    j["use_dora"] = spec.dora;
    j["fan_in_fan_out"] = false;
    j["inference_mode"] = true;
    j["base_model_name_or_path"] = QDir::cleanPath(QFileInfo(plan.baseFolder).absoluteFilePath()).toStdString();
    j["quantize_base"] = spec.quantizeBase; // ours, not PEFT's: the base was int8 while training
    return j;
}

struct Saver
{
    const TrainingPlan &plan;
    const train::TrainModel &model;
    torch::optim::Optimizer &optimizer;

    api::Result<QString> save(const Position &pos, const std::string &name)
    {
        const QDir out(plan.outputDir);
        const QString folder = out.filePath(QString::fromStdString(name));
        const QString partial = folder + QStringLiteral(".partial");
        QDir(partial).removeRecursively();
        if (!QDir().mkpath(partial + QStringLiteral("/training_state")))
            return api::Error::internal(fileText(partial) + ": cannot create");
        const QDir dir(partial);

        ModelConfig config;
        const auto merged = model.mergedTensors(&config);
        if (auto s = writeText(dir.filePath(QStringLiteral("config.json")), config.toJsonText()); !s)
            return s.error();
        if (auto s = writeTensors(dir.filePath(QStringLiteral("model.safetensors")), merged, {{"format", "pt"}}); !s)
            return s.error();
        const QDir base(plan.baseFolder);
        for (const char *file : {"tokenizer.json", "tokenizer_config.json", "generation_config.json",
                                 "special_tokens_map.json", "chat_template.jinja"}) {
            const QString from = base.filePath(QString::fromLatin1(file));
            if (QFileInfo::exists(from) && !QFile::copy(from, dir.filePath(QString::fromLatin1(file))))
                return api::Error::internal(fileText(from) + ": cannot copy into the checkpoint");
        }
        if (model.options().lora.enabled) {
            QDir().mkpath(dir.filePath(QStringLiteral("adapter")));
            if (auto s = writeTensors(dir.filePath(QStringLiteral("adapter/adapter_model.safetensors")),
                                      model.adapterTensors(), {{"format", "pt"}});
                !s)
                return s.error();
            if (auto s = writeText(dir.filePath(QStringLiteral("adapter/adapter_config.json")),
                                   adapterConfig(plan, model.options().lora).dump(2) + "\n");
                !s)
                return s.error();
        }

        // Resumable state: the trainable tensors by name, the optimizer, the position.
        torch::serialize::OutputArchive params;
        for (const auto &[pname, t] : model.trainable())
            params.write(pname, t.detach());
        params.save_to(dir.filePath(QStringLiteral("training_state/params.pt")).toStdString());
        torch::serialize::OutputArchive opt;
        optimizer.save(opt);
        opt.save_to(dir.filePath(QStringLiteral("training_state/optimizer.pt")).toStdString());
        api::Json state{{"step", pos.step},
                        {"epoch", pos.epoch},
                        {"end_of_epoch", pos.endOfEpoch},
                        {"step_in_epoch", pos.stepInEpoch},
                        {"epoch_loss_sum", pos.epochLossSum},
                        {"epoch_weight", pos.epochWeight},
                        {"method", trainingMethodName(plan.method)},
                        {"seed", plan.seed}};
        if (auto s = writeText(dir.filePath(QStringLiteral("training_state/trainer_state.json")), state.dump(2) + "\n");
            !s)
            return s.error();

        // Complete on disk before it carries the final name.
        QDir(folder).removeRecursively();
        if (!QDir().rename(partial, folder))
            return api::Error::internal(fileText(folder) + ": cannot move the checkpoint into place");
        return folder;
    }
};

api::Result<Position> readPosition(const QString &folder)
{
    const QString path = QDir(folder).filePath(QStringLiteral("training_state/trainer_state.json"));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return api::Error::badRequest(fileText(folder) + ": no training state (training_state/trainer_state.json); "
                                      "the checkpoint cannot be resumed from");
    try {
        const api::Json j = api::Json::parse(f.readAll().toStdString());
        Position p;
        p.step = j.at("step").get<int64_t>();
        p.epoch = j.at("epoch").get<int64_t>();
        p.endOfEpoch = j.at("end_of_epoch").get<bool>();
        p.stepInEpoch = j.value("step_in_epoch", int64_t(0));
        p.epochLossSum = j.value("epoch_loss_sum", 0.0);
        p.epochWeight = j.value("epoch_weight", 0.0);
        return p;
    } catch (const std::exception &e) {
        return api::Error::badRequest(fileText(path) + ": " + e.what());
    }
}

void restoreState(const QString &folder, const train::TrainModel &model, torch::optim::Optimizer &optimizer)
{
    const QDir dir(folder);
    torch::serialize::InputArchive params;
    params.load_from(dir.filePath(QStringLiteral("training_state/params.pt")).toStdString());
    at::NoGradGuard noGrad;
    for (const auto &[name, t] : model.trainable()) {
        at::Tensor saved;
        params.read(name, saved);
        TORCH_CHECK(saved.sizes() == t.sizes(), "training state: '", name, "' has another shape");
        at::Tensor(t).copy_(saved);
    }
    torch::serialize::InputArchive opt;
    opt.load_from(dir.filePath(QStringLiteral("training_state/optimizer.pt")).toStdString());
    optimizer.load(opt);
}

// --- DPO batches ----------------------------------------------------------------------------------

struct PairBatch
{
    train::BatchTensors tensors; //!< 2P sequences: chosen 0..P-1, rejected P..2P-1
    train::TargetRows targets;
    at::Tensor lengths;          // (2P) answer tokens per sequence
    int64_t pairs = 0;
    int64_t realTokens = 0;
};

PairBatch pairBatch(const std::vector<PreferenceExample> &examples, const std::vector<size_t> &indexes,
                    int maxLength, int padId)
{
    std::vector<std::vector<int>> seqs, labels;
    for (int side = 0; side < 2; ++side)
        for (size_t i : indexes) {
            const PreferenceExample &e = examples[i];
            const std::vector<int> &answer = side == 0 ? e.chosen : e.rejected;
            std::vector<int> s = e.prompt, l(e.prompt.size(), kIgnore);
            s.insert(s.end(), answer.begin(), answer.end());
            l.insert(l.end(), answer.begin(), answer.end());
            if (int(s.size()) > maxLength) {
                s.resize(size_t(maxLength));
                l.resize(size_t(maxLength));
            }
            seqs.push_back(std::move(s));
            labels.push_back(std::move(l));
        }
    int T = 1;
    for (const auto &s : seqs)
        T = std::max(T, int(s.size()));
    const int B = int(seqs.size());
    std::vector<int> tokens(size_t(B * T), padId), lab(size_t(B * T), kIgnore), seg(size_t(B * T), -1),
        pos(size_t(B * T), 0);
    PairBatch p;
    for (int b = 0; b < B; ++b)
        for (size_t t = 0; t < seqs[size_t(b)].size(); ++t) {
            const size_t i = size_t(b) * size_t(T) + t;
            tokens[i] = seqs[size_t(b)][t];
            lab[i] = labels[size_t(b)][t];
            seg[i] = 0;
            pos[i] = int(t);
            ++p.realTokens;
        }
    p.tensors = train::toTensors(B, T, tokens, lab, seg, pos);
    p.targets = train::targetRows(p.tensors);
    std::vector<float> lengths(size_t(B), 0.f);
    for (int64_t s : p.targets.sequence)
        lengths[size_t(s)] += 1;
    p.lengths = at::tensor(lengths);
    p.pairs = int64_t(indexes.size());
    return p;
}

//! Summed (ipo: per-token mean) answer log-probabilities of each sequence: (2P).
at::Tensor sequenceLogProbs(const train::TrainModel &model, const PairBatch &p, bool normalise)
{
    const at::Tensor perToken = model.targetLogProbs(p.tensors, p.targets); // (M)
    const std::vector<int64_t> &seq = p.targets.sequence;
    const at::Tensor index = at::tensor(std::vector<int64_t>(seq.begin(), seq.end()), at::kLong);
    at::Tensor sums = at::zeros({p.tensors.B}, perToken.options()).index_add(0, index, perToken);
    if (normalise)
        sums = sums / p.lengths.clamp_min(1);
    return sums;
}

at::Tensor pairLoss(const train::TrainModel &policy, const train::TrainModel &reference, const PairBatch &p,
                    const api::DPOAlignmentConfig &dpo)
{
    const bool normalise = dpo.loss_type == api::DPOLossType::Ipo;
    at::Tensor ref;
    {
        at::NoGradGuard noGrad;
        ref = sequenceLogProbs(reference, p, normalise);
    }
    const at::Tensor pol = sequenceLogProbs(policy, p, normalise);
    const int64_t P = p.pairs;
    return train::dpoLoss(dpo.loss_type, dpo.beta, pol.narrow(0, 0, P), pol.narrow(0, P, P), ref.narrow(0, 0, P),
                          ref.narrow(0, P, P));
}

train::BatchTensors sftTensors(const SftBatch &b)
{
    return train::toTensors(b.B, b.T, b.tokens, b.labels, b.segments, b.positions);
}

// --- the run ----------------------------------------------------------------------------------------

class Run
{
public:
    Run(const TrainingPlan &plan, TrainingHooks &hooks) : m_plan(plan), m_hooks(hooks) {}

    api::Result<TrainingOutcome> run()
    {
        if (auto s = validatePlan(m_plan); !s)
            return s.error();
        initTorchThreads();
        resetPeakResident();
        m_outcome.threads = torchThreadCount();
        m_outcome.dtype = m_plan.training.dtype;
        const bool bf16 = m_plan.training.dtype == "bf16";
        if (bf16) {
            const Bf16Probe probe = probeBf16();
            if (!probe.works)
                return api::Error::badRequest("training_config.dtype: bf16 is not supported by this CPU's kernels; "
                                              "use fp32");
            if (probe.bf16 > 2 * probe.fp32)
                m_outcome.notes.push_back("dtype bf16: this CPU has no fast bfloat16 matrix kernels (a bf16 product "
                                          "took " + std::to_string(int(std::lround(probe.bf16 / probe.fp32)))
                                          + "x as long as fp32); the run honours bf16 but fp32 would be faster.");
        }
        const api::EfficiencyConfig eff = m_plan.training.efficiency_config.value_or(api::EfficiencyConfig{});
        if (eff.enable_activation_offloading)
            m_outcome.notes.push_back("accepted, not applied: enable_activation_offloading (activations already "
                                      "live in host memory on a CPU-only run).");
        if (eff.memory_efficient_fsdp_wrap)
            m_outcome.notes.push_back("accepted, not applied: memory_efficient_fsdp_wrap (single-process training, "
                                      "no FSDP).");
        if (eff.fsdp_cpu_offload)
            m_outcome.notes.push_back("accepted, not applied: fsdp_cpu_offload (single-process training on the CPU, "
                                      "no FSDP).");

        train::ModelOptions options;
        options.trainBase = m_plan.method != TrainingMethod::Lora;
        options.checkpointActivations = eff.enable_activation_checkpointing;
        options.seed = m_plan.seed;
        if (m_plan.method == TrainingMethod::Lora) {
            auto spec = train::adapterSpec(*m_plan.lora);
            if (!spec)
                return spec.error();
            options.lora = spec.value();
        }
        if (m_plan.method == TrainingMethod::Qat) {
            auto config = ModelConfig::fromFolder(m_plan.baseFolder);
            if (!config)
                return config.error();
            auto spec = train::qatSpec(*m_plan.qat, config.value());
            if (!spec)
                return spec.error();
            options.qat = spec.value();
        }
        auto model = train::TrainModel::load(m_plan.baseFolder, options);
        if (!model)
            return model.error();
        m_model = std::move(model.value());
        if (m_plan.method == TrainingMethod::Dpo) {
            train::ModelOptions frozen;
            frozen.trainBase = false;
            auto reference = train::TrainModel::load(m_plan.baseFolder, frozen);
            if (!reference)
                return reference.error();
            m_reference = std::move(reference.value());
        }
        if (!QDir().mkpath(m_plan.outputDir))
            return api::Error::internal(fileText(m_plan.outputDir) + ": cannot create");

        try {
            AutocastScope autocast(bf16);
            auto status = loop();
            m_outcome.peakBytes = peakResidentBytes();
            if (!status)
                return status.error();
            return m_outcome;
        } catch (const std::exception &e) {
            return api::Error::internal(std::string("training failed: ") + e.what());
        }
    }

private:
    void makeOptimizer()
    {
        std::vector<at::Tensor> params;
        for (const auto &p : m_model->trainable())
            params.push_back(p.second);
        m_params = params;
        const api::OptimizerConfig &o = *m_plan.training.optimizer_config;
        switch (o.optimizer_type) {
        case api::OptimizerType::Adam:
            m_optimizer = std::make_unique<torch::optim::Adam>(
                params, torch::optim::AdamOptions(o.lr).betas({0.9, 0.95}).eps(1e-8).weight_decay(o.weight_decay));
            break;
        case api::OptimizerType::AdamW:
            m_optimizer = std::make_unique<torch::optim::AdamW>(
                params, torch::optim::AdamWOptions(o.lr).betas({0.9, 0.95}).eps(1e-8).weight_decay(o.weight_decay));
            break;
        case api::OptimizerType::Sgd:
            m_optimizer = std::make_unique<torch::optim::SGD>(
                params, torch::optim::SGDOptions(o.lr).momentum(0.9).weight_decay(o.weight_decay));
            break;
        }
    }

    api::Status loop()
    {
        makeOptimizer();
        const int nEpochs = m_plan.training.n_epochs;
        std::vector<int64_t> perEpoch;
        int64_t total = 0;
        for (int e = 0; e < nEpochs; ++e) {
            perEpoch.push_back(epochPlan(m_plan, e).steps);
            total += perEpoch.back();
        }
        Position pos;
        int startEpoch = 0;
        int64_t skipSteps = 0;
        if (!m_plan.resumeFrom.isEmpty()) {
            auto resumed = readPosition(m_plan.resumeFrom);
            if (!resumed)
                return resumed.error();
            pos = resumed.value();
            restoreState(m_plan.resumeFrom, *m_model, *m_optimizer);
            startEpoch = int(pos.endOfEpoch ? pos.epoch + 1 : pos.epoch);
            skipSteps = pos.endOfEpoch ? 0 : pos.stepInEpoch;
            if (pos.endOfEpoch) {
                pos.epochLossSum = 0;
                pos.epochWeight = 0;
            }
        }
        m_outcome.steps = pos.step;
        Saver saver{m_plan, *m_model, *m_optimizer};
        {
            const EpochPlan first = epochPlan(m_plan, 0);
            int64_t rows = 0;
            for (const SftBatch &b : first.sft)
                rows = std::max<int64_t>(rows, int64_t(b.B) * b.T);
            for (const auto &pairs : first.pairs) {
                int64_t longest = 0;
                for (size_t i : pairs) {
                    const PreferenceExample &e = m_plan.preferenceTrain[i];
                    longest = std::max<int64_t>(longest, int64_t(e.prompt.size() + std::max(e.chosen.size(), e.rejected.size())));
                }
                rows = std::max<int64_t>(rows, 2 * int64_t(pairs.size()) * std::min<int64_t>(longest, m_plan.maxLength));
            }
            m_outcome.threads = threadsFor(m_model->config(), rows);
        }
        OmpThreads threads(m_outcome.threads);
        const api::OptimizerConfig &o = *m_plan.training.optimizer_config;

        for (int epoch = startEpoch; epoch < nEpochs; ++epoch) {
            const EpochPlan ep = epochPlan(m_plan, epoch);
            pos.epoch = epoch;
            pos.endOfEpoch = false;
            pos.stepInEpoch = skipSteps;
            api::TrainingStepMetric last;
            bool haveLast = false;
            for (int64_t s = skipSteps; s < ep.steps; ++s) {
                const double lr = learningRate(o.lr, pos.step, o.num_warmup_steps, total);
                for (auto &group : m_optimizer->param_groups())
                    group.options().set_lr(lr);
                const auto t0 = Clock::now();
                api::TrainingStepMetric metric;
                double lossSum = 0, weight = 0;
                int64_t tokens = 0;
                bool cancelled = false;
                m_optimizer->zero_grad();
                if (m_plan.method == TrainingMethod::Dpo)
                    cancelled = !dpoStep(ep, s, lossSum, weight, tokens);
                else
                    cancelled = !sftStep(ep, s, lossSum, weight, tokens);
                if (cancelled) {
                    m_outcome.cancelled = true;
                    return {};
                }
                metric.grad_norm = torch::nn::utils::clip_grad_norm_(m_params, kClipNorm);
                m_optimizer->step();
                at::autocast::clear_cache();
                const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
                ++pos.step;
                ++pos.stepInEpoch;
                pos.epochLossSum += lossSum;
                pos.epochWeight += weight;
                m_outcome.steps = pos.step;
                metric.step = pos.step;
                metric.epoch = epoch;
                metric.loss = weight > 0 ? lossSum / weight : 0;
                metric.lr = lr;
                metric.tokens = tokens;
                metric.tokens_per_second = seconds > 0 ? double(tokens) / seconds : 0;
                // The epoch's last step waits for validation (it carries validation_loss).
                const bool epochEnd = s + 1 == ep.steps;
                if (epochEnd) {
                    last = metric;
                    haveLast = true;
                } else {
                    m_hooks.step(metric);
                }
                if (!epochEnd && m_plan.checkpointEverySteps > 0 && pos.step % m_plan.checkpointEverySteps == 0) {
                    auto saved = saver.save(pos, m_plan.checkpointPrefix + "-" + std::to_string(epoch) + "-step"
                                                     + std::to_string(pos.step));
                    if (!saved)
                        return saved.error();
                    m_hooks.checkpoint(checkpoint(pos, saved.value(), false, {}));
                }
            }
            skipSteps = 0;
            // Validation, then the epoch's last step (carrying validation_loss) and its checkpoint.
            std::optional<double> validation = validate();
            if (haveLast) {
                last.validation_loss = validation;
                m_hooks.step(last);
            }
            pos.endOfEpoch = true;
            auto saved = saver.save(pos, m_plan.checkpointPrefix + "-" + std::to_string(epoch));
            if (!saved)
                return saved.error();
            m_hooks.checkpoint(checkpoint(pos, saved.value(), true, validation));
            pos.epochLossSum = 0;
            pos.epochWeight = 0;
            pos.stepInEpoch = 0;
        }
        return {};
    }

    SavedCheckpoint checkpoint(const Position &pos, const QString &folder, bool endOfEpoch,
                               std::optional<double> validation) const
    {
        SavedCheckpoint c;
        c.epoch = pos.epoch;
        c.step = pos.step;
        c.endOfEpoch = endOfEpoch;
        c.folder = folder;
        c.identifier = QFileInfo(folder).fileName().toStdString();
        c.metrics.epoch = pos.epoch;
        c.metrics.train_loss = pos.epochWeight > 0 ? pos.epochLossSum / pos.epochWeight : 0;
        if (validation) {
            c.validated = true;
            c.metrics.validation_loss = *validation;
            c.metrics.perplexity = std::exp(*validation);
        }
        return c;
    }

    //! One SFT optimizer step's forward/backward; false when cancelled.
    bool sftStep(const EpochPlan &ep, int64_t step, double &lossSum, double &weight, int64_t &tokens)
    {
        std::vector<train::BatchTensors> micro;
        int64_t targets = 0;
        for (int64_t i = step * ep.accumulation; i < (step + 1) * ep.accumulation; ++i) {
            micro.push_back(sftTensors(ep.sft[size_t(i)]));
            targets += train::targetRows(micro.back()).count();
            tokens += ep.sft[size_t(i)].realTokens();
        }
        for (const auto &b : micro) {
            if (m_hooks.cancelled())
                return false;
            int64_t n = 0;
            const at::Tensor loss = m_model->lossSum(b, &n);
            if (n == 0)
                continue;
            (loss / double(targets)).backward(); // token-weighted mean over the whole step
            lossSum += loss.item<double>();
        }
        weight = double(targets);
        return true;
    }

    bool dpoStep(const EpochPlan &ep, int64_t step, double &lossSum, double &weight, int64_t &tokens)
    {
        const api::DPOAlignmentConfig &dpo = *m_plan.dpo;
        double stepLoss = 0;
        for (int64_t i = step * ep.accumulation; i < (step + 1) * ep.accumulation; ++i) {
            if (m_hooks.cancelled())
                return false;
            const PairBatch p = pairBatch(m_plan.preferenceTrain, ep.pairs[size_t(i)], m_plan.maxLength, m_plan.padId);
            tokens += p.realTokens;
            const at::Tensor loss = pairLoss(*m_model, *m_reference, p, dpo);
            (loss / double(ep.accumulation)).backward();
            stepLoss += loss.item<double>() / double(ep.accumulation);
        }
        lossSum = stepLoss; // a step weighs 1
        weight = 1;
        return true;
    }

    //! Validation loss over at most max_validation_steps batches; nullopt without validation data.
    std::optional<double> validate()
    {
        const int maxSteps = m_plan.training.max_validation_steps;
        if (maxSteps < 1)
            return std::nullopt;
        at::NoGradGuard noGrad;
        const BatchPlan bp = batchPlan(m_plan, true);
        if (m_plan.method == TrainingMethod::Dpo) {
            if (m_plan.preferenceValidation.empty())
                return std::nullopt;
            const auto batches = pairBatches(m_plan.preferenceValidation.size(), bp, 0, false);
            double sum = 0;
            int n = 0;
            for (size_t i = 0; i < batches.size() && n < maxSteps; ++i, ++n) {
                const PairBatch p = pairBatch(m_plan.preferenceValidation, batches[i], m_plan.maxLength, m_plan.padId);
                sum += pairLoss(*m_model, *m_reference, p, *m_plan.dpo).item<double>();
            }
            return n > 0 ? std::optional<double>(sum / n) : std::nullopt;
        }
        if (m_plan.validation.empty())
            return std::nullopt;
        const auto batches = makeSftBatches(m_plan.validation, bp, 0);
        double sum = 0;
        int64_t tokens = 0;
        for (size_t i = 0; i < batches.size() && int(i) < maxSteps; ++i) {
            int64_t n = 0;
            sum += m_model->lossSum(sftTensors(batches[i]), &n).item<double>();
            tokens += n;
        }
        return tokens > 0 ? std::optional<double>(sum / double(tokens)) : std::nullopt;
    }

    const TrainingPlan &m_plan;
    TrainingHooks &m_hooks;
    TrainingOutcome m_outcome;
    std::unique_ptr<train::TrainModel> m_model;
    std::unique_ptr<train::TrainModel> m_reference;
    std::unique_ptr<torch::optim::Optimizer> m_optimizer;
    std::vector<at::Tensor> m_params;
};

} // namespace

StepCount plannedSteps(const TrainingPlan &plan)
{
    StepCount c;
    for (int e = 0; e < std::max(0, plan.training.n_epochs); ++e) {
        const int64_t steps = epochPlan(plan, e).steps;
        if (e == 0)
            c.perEpoch = steps;
        c.total += steps;
    }
    return c;
}

api::Result<TrainingOutcome> runTraining(const TrainingPlan &plan, TrainingHooks &hooks)
{
    try {
        return Run(plan, hooks).run();
    } catch (const std::exception &e) {
        return api::Error::internal(std::string("training failed: ") + e.what());
    }
}

api::Result<ResumePoint> readResumePoint(const QString &checkpointFolder)
{
    auto p = readPosition(checkpointFolder);
    if (!p)
        return p.error();
    ResumePoint r;
    r.step = p->step;
    r.epoch = p->epoch;
    r.endOfEpoch = p->endOfEpoch;
    return r;
}

} // namespace wb::engine
