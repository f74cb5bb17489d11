#pragma once

// The `basic` provider's built-in functions with upstream semantics (see docs/eval.md):
// basic::equality, basic::subset_of, basic::regex_parser_multiple_choice_answer (with the
// multilingual default patterns), basic::regex_parser_math_response (answer normalisation and
// numeric comparison of LaTeX fractions and simple expressions), basic::docvqa and basic::ifeval.

#include "scoring_function.h"

namespace wb::engine {

ScoringFunctionList basicScoringFunctions();

} // namespace wb::engine
