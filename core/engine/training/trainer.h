#pragma once

// The training loop, torch-free to include: a TrainingPlan (what to train, on what, how) in, steps
// and checkpoints out through TrainingHooks. engine/training/post_training_service.h turns API
// requests into plans and runs them as jobs; tools and benchmarks call runTraining directly.
//
// Methods:
// - Full: every parameter of the model is trained.
// - Lora: the base is frozen; low-rank adapters (rank r, scale alpha/r) on the chosen projections
//   (q_proj, k_proj, v_proj, output_proj/o_proj; the MLP with apply_lora_to_mlp; the LM head with
//   apply_lora_to_output), DoRA with use_dora, and the frozen base weight-only quantized to int8
//   with quantize_base. Only adapter parameters get gradients.
// - Qat: full fine-tuning through fake-quantized weights and activations (straight-through
//   estimator); the accepted quantizer names are in docs/training.md.
// - Dpo: full fine-tuning on preference pairs against a frozen copy of the starting model
//   (loss_type sigmoid, hinge, ipo or kto_pair; beta).
//
// Steps: the epoch's batches (training_data.h) are grouped by gradient_accumulation_steps into
// optimizer steps, at most max_steps_per_epoch per epoch; the learning rate warms up linearly over
// num_warmup_steps then decays with a cosine to 0 at the last step; gradients are clipped to a
// total norm of 1.0 (as upstream's torchtune recipe).
//
// Checkpoints: at the end of each epoch (and every checkpointEverySteps steps when > 0), a folder
// <outputDir>/<checkpointPrefix>-<epoch> (mid-epoch: ...-<epoch>-step<step>) holding
// - the merged model in Hugging Face layout (config.json, model.safetensors, tokenizer files and
//   generation_config.json copied from the base), loadable by CausalLm / LocalModel;
// - for LoRA, adapter/adapter_model.safetensors and adapter/adapter_config.json (PEFT names and
//   config);
// - training_state/: the trainable weights, the optimizer state and trainer_state.json (step,
//   epoch, batches done), so runTraining can continue from it (TrainingPlan::resumeFrom).
//
// Threading: runTraining blocks its thread for the whole run and uses torch's intra-op threads.
// Errors: api::Result; a bad plan is a 400 naming the field, a failure inside torch a 500 with its
// message (torch's exceptions never leave runTraining).

#include "api/post_training.h"
#include "api/post_training_jobs.h"
#include "api/result.h"
#include "training_data.h"

#include <QString>

#include <optional>
#include <string>
#include <vector>

namespace wb::engine {

enum class TrainingMethod { Full, Lora, Qat, Dpo };
const char *trainingMethodName(TrainingMethod m); //!< "full", "lora", "qat", "dpo"

struct TrainingPlan
{
    TrainingMethod method = TrainingMethod::Full;
    QString baseFolder;           //!< Hugging Face model folder to start from
    QString outputDir;            //!< checkpoints go in subfolders of it
    std::string checkpointPrefix; //!< e.g. "<model>-sft"
    api::TrainingConfig training; //!< data_config's batch_size, shuffle, packed are used here
    std::optional<api::LoraFinetuningConfig> lora; //!< method Lora
    std::optional<api::QATFinetuningConfig> qat;   //!< method Qat
    std::optional<api::DPOAlignmentConfig> dpo;    //!< method Dpo

    std::vector<SftExample> train; //!< Full, Lora, Qat
    std::vector<SftExample> validation;
    std::vector<PreferenceExample> preferenceTrain; //!< Dpo
    std::vector<PreferenceExample> preferenceValidation;

    int maxLength = 512; //!< sequence length cap (packing length)
    int padId = 0;
    uint64_t seed = 0;            //!< data order and adapter initialisation
    int checkpointEverySteps = 0; //!< 0: only at the end of each epoch
    //! A checkpoint folder written by an earlier run of the same plan: weights, optimizer state
    //! and position are restored and training continues after its last step.
    QString resumeFrom;
};

//! Optimizer steps per epoch and in total, as runTraining will run them.
struct StepCount
{
    int64_t perEpoch = 0;
    int64_t total = 0;
};
StepCount plannedSteps(const TrainingPlan &plan);

struct SavedCheckpoint
{
    int64_t epoch = 0; //!< 0-based
    int64_t step = 0;  //!< optimizer steps done when saved
    bool endOfEpoch = true;
    QString folder;
    std::string identifier; //!< the folder's name
    //! Train loss of the epoch (token-weighted mean of its steps); validation loss and perplexity
    //! when there is validation data (else 0, and `validated` is false).
    api::PostTrainingMetric metrics;
    bool validated = false;
};

class TrainingHooks
{
public:
    virtual ~TrainingHooks() = default;
    //! After each optimizer step (metric.time is left empty for the caller).
    virtual void step(const api::TrainingStepMetric &metric) = 0;
    //! After a checkpoint folder is complete on disk.
    virtual void checkpoint(const SavedCheckpoint &checkpoint) = 0;
    //! Polled between micro-batches: true stops the run within one step (no checkpoint is written
    //! for the partial step; the last one stays).
    virtual bool cancelled() const = 0;
};

struct TrainingOutcome
{
    bool cancelled = false;
    int64_t steps = 0;           //!< optimizer steps done, including those before a resume
    int64_t peakBytes = 0;       //!< peak resident memory of the process during the run
    std::string dtype;           //!< "fp32" or "bf16", as run
    int threads = 0;             //!< torch intra-op threads
    std::vector<std::string> notes; //!< options accepted but not applied, one sentence each
};

api::Result<TrainingOutcome> runTraining(const TrainingPlan &plan, TrainingHooks &hooks);

//! Reads trainer_state.json of a checkpoint folder: the step and epoch it was saved at. 400 when
//! the folder has no training state (it cannot be resumed from).
struct ResumePoint
{
    int64_t step = 0;
    int64_t epoch = 0;
    bool endOfEpoch = true;
};
api::Result<ResumePoint> readResumePoint(const QString &checkpointFolder);

} // namespace wb::engine
