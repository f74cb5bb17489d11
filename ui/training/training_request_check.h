#pragma once

// The checks the training form runs before sending a request, with messages that name the field
// as the form labels it. The engine checks again (and knows more: whether the model and dataset
// exist); these catch what the user can fix at once, and keep a preset with an out-of-range value
// from being clamped silently by a spin box.

#include "api/post_training.h"

#include <QString>

namespace wb::ui {

//! The limits the form's fields allow (the spin boxes use the same ones).
namespace training_limits {
constexpr int kMaxBatchSize = 4096;
constexpr int kMaxEpochs = 1000;
constexpr int kMaxStepsPerEpoch = 10'000'000;
constexpr int kMaxAccumulation = 1024;
constexpr int kMaxValidationSteps = 10'000'000;
constexpr int kMaxWarmupSteps = 10'000'000;
constexpr int kMaxRank = 1024;
constexpr int kMaxAlpha = 65536;
constexpr int kMaxGroupSize = 65536;
} // namespace training_limits

//! Whether a missing model or dataset is a problem (a full request) or not (a preset, which may
//! leave them for the user to choose).
enum class Completeness { Request, Preset };

//! The first problem of the config, or empty.
QString checkTrainingConfig(const api::TrainingConfig &config, Completeness completeness);
QString checkSft(const api::SupervisedFineTuneRequest &request, Completeness completeness);
QString checkDpo(const api::PreferenceOptimizeRequest &request, Completeness completeness);

} // namespace wb::ui
