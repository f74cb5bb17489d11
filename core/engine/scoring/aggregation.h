#pragma once

// Aggregations over score rows, with upstream's nested result shape (one key per requested
// aggregation, in request order):
//   accuracy          {"accuracy": Σscore/n, "num_correct": Σscore, "num_total": n}
//   average           {"average": mean of non-null scores}
//   weighted_average  {"weighted_average": Σ score·weight / Σ weight}  (rows without a weight: 1)
//   median            {"median": median of non-null scores | null}
//   categorical_count {"categorical_count": {str(score): count}}, keys sorted, null → "None"
// Scores written like Python's str(): 1.0 → "1.0", "A" → "A".
//
// Where upstream crashes (accuracy or average over string or null scores, an empty set) we answer
// a 400 that says which aggregation cannot take which score, or null for an empty set.

#include "api/result.h"
#include "api/scoring.h"

#include <vector>

namespace wb::engine {

api::Result<api::JsonObject> aggregate(const std::vector<api::JsonObject> &scoreRows,
                                       const std::vector<api::AggregationFunctionType> &functions);

} // namespace wb::engine
