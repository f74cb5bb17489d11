#pragma once

// The `llm-as-judge` provider: llm-as-judge::base and llm-as-judge::405b-simpleqa, and
// user-defined judge functions. Per row: prompt_template.format(input_query, expected_answer,
// generated_answer) (Python str.format rules: {{ and }} are literal braces, other placeholders are
// a 400) sent to judge_model as one user message; the score is group(1) of the first
// judge_score_regexes match (a string) or null; the row is {"score", "judge_feedback"}.

#include "scoring_function.h"

namespace wb::engine {

//! A judge function with `definition` (provider_id "llm-as-judge", params of type llm_as_judge).
std::shared_ptr<const ScoringFunctionImpl> makeJudgeFunction(api::ScoringFn definition, JudgeCall judge);

//! llm-as-judge::base and llm-as-judge::405b-simpleqa (upstream's defaults).
ScoringFunctionList builtinJudgeFunctions(JudgeCall judge);

} // namespace wb::engine
