#pragma once

// McNemar's test for two runs scored on the same rows: only the discordant pairs count,
// b = rows that passed in run A and failed in run B, c = the reverse. Pure arithmetic (no Qt
// widgets, no torch), so the compare view and its tests share one implementation.
//
//   b + c < 25: the exact test, two-sided: p = min(1, 2 · P(X ≤ min(b, c))), X ~ Binomial(b + c, ½).
//   otherwise : chi-square with Yates's continuity correction, 1 degree of freedom:
//               χ² = max(0, |b − c| − 1)² / (b + c),  p = erfc(√(χ² / 2)).
// The max(0, …) keeps b = c at χ² = 0 (p = 1) instead of letting the correction overshoot.
// No discordant pair at all: nothing to test, p = 1 (exact).

#include <cstdint>

namespace wb::ui {

struct McNemarResult
{
    enum class Test { Exact, ChiSquare };
    Test test = Test::Exact;
    double statistic = 0; //!< χ² for ChiSquare; min(b, c) for Exact
    double pValue = 1;
};

//! Below this many discordant pairs the exact binomial test is used.
constexpr int64_t kMcNemarExactLimit = 25;

McNemarResult mcnemarTest(int64_t b, int64_t c);

} // namespace wb::ui
