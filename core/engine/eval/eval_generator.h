#pragma once

// Eval's side of generation: the candidate's SamplingParams as inference sampling, and answers
// for a batch of row prompts.
//
// Sampling (every field honoured; upstream forwards only max_tokens):
//   greedy            temperature 0
//   top_p             temperature (1.0 when not given) and top_p
//   top_k             top_k, temperature 1.0
//   max_tokens        as given; absent: the model's default (a local folder's generation_config,
//                     else 256; an endpoint's own), not upstream's assertion
//   repetition_penalty, stop  as given, for chat and text completions alike

#include "engine/eval/row_prompt.h"
#include "engine/inference/inference_service.h"

#include "api/cancel.h"
#include "api/common.h"
#include "api/inference.h"
#include "api/result.h"

#include <string>
#include <vector>

namespace wb::engine {

api::CompletionSampling completionSampling(const api::SamplingParams &params);

//! 400 naming the field (under `path`) for a value no model could take.
api::Status checkSampling(const api::SamplingParams &params, const std::string &path);

//! One answer per prompt, in order. Consecutive prompts of the same kind go to the model together
//! (a local model batches them in one generate(); an endpoint gets them as concurrent requests); a
//! single prompt takes the ordinary chat / completion path. Cancelled: every entry is
//! Error::cancelled().
std::vector<api::Result<std::string>> generateAnswers(InferenceService &inference,
                                                      const InferenceService::Target &target,
                                                      const std::vector<const RowPrompt *> &prompts,
                                                      const api::CompletionSampling &sampling,
                                                      const api::CancelToken &cancel);

} // namespace wb::engine
