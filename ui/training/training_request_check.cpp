#include "training_request_check.h"

#include <QCoreApplication>

#include <cmath>
#include <variant>

namespace wb::ui {

namespace {
struct CheckTr
{
    Q_DECLARE_TR_FUNCTIONS(wb::ui::TrainingRequestCheck)
};

QString outOfRange(const QString &field, int64_t value, int64_t lo, int64_t hi)
{
    if (value >= lo && value <= hi)
        return {};
    return CheckTr::tr("%1 must be between %2 and %3 (it is %4).").arg(field).arg(lo).arg(hi).arg(value);
}

QString checkJobId(const std::string &id, Completeness completeness)
{
    if (completeness == Completeness::Preset)
        return {};
    const QString q = QString::fromStdString(id);
    if (q.trimmed().isEmpty())
        return CheckTr::tr("Job id: enter an id for the job.");
    if (q.trimmed() != q || q.contains(QLatin1Char('/')))
        return CheckTr::tr("Job id: no spaces at the ends and no “/”.");
    return {};
}
} // namespace

QString checkTrainingConfig(const api::TrainingConfig &c, Completeness completeness)
{
    using namespace training_limits;
    QString p;
    if (!(p = outOfRange(CheckTr::tr("Epochs"), c.n_epochs, 1, kMaxEpochs)).isEmpty())
        return p;
    if (!(p = outOfRange(CheckTr::tr("Max steps per epoch"), c.max_steps_per_epoch, 1, kMaxStepsPerEpoch)).isEmpty())
        return p;
    if (!(p = outOfRange(CheckTr::tr("Gradient accumulation"), c.gradient_accumulation_steps, 1, kMaxAccumulation))
             .isEmpty())
        return p;
    if (!(p = outOfRange(CheckTr::tr("Max validation steps"), c.max_validation_steps, 0, kMaxValidationSteps))
             .isEmpty())
        return p;
    if (c.dtype != "fp32" && c.dtype != "bf16")
        return CheckTr::tr("Precision must be fp32 or bf16 (it is “%1”).").arg(QString::fromStdString(c.dtype));
    if (c.data_config) {
        const api::DataConfig &d = *c.data_config;
        if (completeness == Completeness::Request && d.dataset_id.empty())
            return CheckTr::tr("Dataset: choose the dataset to train on.");
        if (!(p = outOfRange(CheckTr::tr("Batch size"), d.batch_size, 1, kMaxBatchSize)).isEmpty())
            return p;
        if (d.validation_dataset_id && d.validation_dataset_id->empty())
            return CheckTr::tr("Validation dataset: choose one or “(none)”.");
    } else if (completeness == Completeness::Request) {
        return CheckTr::tr("Dataset: choose the dataset to train on.");
    }
    if (c.optimizer_config) {
        const api::OptimizerConfig &o = *c.optimizer_config;
        if (!std::isfinite(o.lr) || o.lr <= 0.0)
            return CheckTr::tr("Learning rate must be greater than 0 (for example 1e-4).");
        if (o.lr > 10.0)
            return CheckTr::tr("Learning rate %1 is far too large; use a value such as 1e-4.").arg(o.lr);
        if (!std::isfinite(o.weight_decay) || o.weight_decay < 0.0)
            return CheckTr::tr("Weight decay must be 0 or more.");
        if (!(p = outOfRange(CheckTr::tr("Warm-up steps"), o.num_warmup_steps, 0, kMaxWarmupSteps)).isEmpty())
            return p;
    } else if (completeness == Completeness::Request) {
        return CheckTr::tr("Optimizer: the settings are missing.");
    }
    return {};
}

QString checkSft(const api::SupervisedFineTuneRequest &r, Completeness completeness)
{
    using namespace training_limits;
    QString p = checkJobId(r.job_uuid, completeness);
    if (!p.isEmpty())
        return p;
    if (completeness == Completeness::Request && (!r.model || r.model->empty()))
        return CheckTr::tr("Model: choose the model to fine-tune.");
    if (!(p = checkTrainingConfig(r.training_config, completeness)).isEmpty())
        return p;
    if (r.checkpoint_dir && r.checkpoint_dir->empty())
        return CheckTr::tr("Checkpoint folder: enter a folder or leave it empty for the default.");
    if (!r.algorithm_config)
        return {};
    if (const auto *lora = std::get_if<api::LoraFinetuningConfig>(&*r.algorithm_config)) {
        if (lora->rank < 1)
            return CheckTr::tr("LoRA rank must be at least 1 (it is %1).").arg(lora->rank);
        if (!(p = outOfRange(CheckTr::tr("LoRA rank"), lora->rank, 1, kMaxRank)).isEmpty())
            return p;
        if (!(p = outOfRange(CheckTr::tr("LoRA alpha"), lora->alpha, 1, kMaxAlpha)).isEmpty())
            return p;
        if (lora->lora_attn_modules.empty() && !lora->apply_lora_to_mlp && !lora->apply_lora_to_output)
            return CheckTr::tr("LoRA: choose at least one layer to adapt (an attention projection, the MLP or "
                               "the output).");
        for (const std::string &m : lora->lora_attn_modules)
            if (m != "q_proj" && m != "k_proj" && m != "v_proj" && m != "o_proj" && m != "output_proj")
                return CheckTr::tr("LoRA: unknown attention module “%1” (q_proj, k_proj, v_proj, o_proj).")
                    .arg(QString::fromStdString(m));
    } else if (const auto *qat = std::get_if<api::QATFinetuningConfig>(&*r.algorithm_config)) {
        if (qat->quantizer_name.empty())
            return CheckTr::tr("QAT: choose a quantizer.");
        if (!(p = outOfRange(CheckTr::tr("QAT group size"), qat->group_size, 1, kMaxGroupSize)).isEmpty())
            return p;
    }
    return {};
}

QString checkDpo(const api::PreferenceOptimizeRequest &r, Completeness completeness)
{
    QString p = checkJobId(r.job_uuid, completeness);
    if (!p.isEmpty())
        return p;
    if (completeness == Completeness::Request && r.finetuned_model.empty())
        return CheckTr::tr("Model: choose the model to align.");
    if (!(p = checkTrainingConfig(r.training_config, completeness)).isEmpty())
        return p;
    if (!std::isfinite(r.algorithm_config.beta) || r.algorithm_config.beta <= 0.0)
        return CheckTr::tr("DPO beta must be greater than 0 (for example 0.1).");
    return {};
}

} // namespace wb::ui
