#include "mcnemar.h"

#include <algorithm>
#include <cmath>

namespace wb::ui {

namespace {

//! P(X ≤ k) for X ~ Binomial(n, ½); n < kMcNemarExactLimit, so the binomial coefficients are exact
//! in a double.
double binomialHalfCdf(int64_t k, int64_t n)
{
    double coefficient = 1; // C(n, 0)
    double sum = 0;
    for (int64_t i = 0; i <= k; ++i) {
        sum += coefficient;
        coefficient = coefficient * double(n - i) / double(i + 1);
    }
    return sum / std::ldexp(1.0, int(n));
}

} // namespace

McNemarResult mcnemarTest(int64_t b, int64_t c)
{
    McNemarResult result;
    b = std::max<int64_t>(0, b);
    c = std::max<int64_t>(0, c);
    const int64_t n = b + c;
    if (n < kMcNemarExactLimit) {
        result.test = McNemarResult::Test::Exact;
        result.statistic = double(std::min(b, c));
        result.pValue = n == 0 ? 1.0 : std::min(1.0, 2.0 * binomialHalfCdf(std::min(b, c), n));
        return result;
    }
    result.test = McNemarResult::Test::ChiSquare;
    const double corrected = std::max(0.0, std::fabs(double(b - c)) - 1.0);
    result.statistic = corrected * corrected / double(n);
    result.pValue = std::erfc(std::sqrt(result.statistic / 2.0));
    return result;
}

} // namespace wb::ui
