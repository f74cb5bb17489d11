#pragma once

// basic::ifeval: the IFEval instruction-following checks (every instruction of the IFEval
// registry), scored as upstream: {"score": followed/total, "weight": total} from the row's
// `instruction_id_list` and `kwargs` (null kwargs values dropped), `prompt` and the stripped
// `generated_answer`; {"score": 0.0, "weight": 0.0} when there are no instructions.
// Default aggregation: weighted_average.
//
// Score rows add "instructions": [{"id", "followed": bool}] in list order, so a person sees which
// instruction failed. `instruction_id_list` and `kwargs` may be JSON lists or strings holding one
// (CSV datasets). `prompt` is not needed: upstream passes it only to instructions taking a `prompt`
// argument, and none in the registry does. An empty answer follows no instruction (upstream).
// Errors (400): a missing column ("row is missing 'instruction_id_list'"), an unknown instruction
// id (naming it and its index), kwargs an instruction cannot take ("kwargs[1] (keywords:frequency):
// 'frequency' is required"); prepare() takes params of type basic only. The checks and their
// approximations of nltk and langdetect are described in instructions.h, text_utils.h and
// language_detector.h.

#include "engine/scoring/scoring_function.h"

namespace wb::engine {

std::shared_ptr<const ScoringFunctionImpl> ifevalScoringFunction();

} // namespace wb::engine
