#pragma once

// A small evaluator for the LaTeX numbers that math answers are written in, standing in for
// upstream's sympy `parse_latex(expr).evalf()` (try_evaluate_latex), which we do not have:
//   numbers (12, 0.5, .5, 1,234,567.8 with thousands separators), \frac{a}{b} (and \dfrac, \tfrac,
//   \cfrac), \sqrt{x}, \sqrt[n]{x}, \pi, + - * / ^, \cdot, \times, \div, ( ) { } [ ] groups,
//   implicit products (2\sqrt{2}, 3\pi, 2(3+4)), \left / \right, and a trailing % (ignored, as
//   upstream's normalisation drops "\%": 50% reads as 50).
// Anything else (variables, functions, text) is "not a number", as are results that are zero
// (sympy's Zero cannot be formatted with .2e, so upstream keeps the text), complex, or infinite.

#include <optional>
#include <string>

namespace wb::engine {

std::optional<double> evaluateLatexNumber(const std::string &expression);

//! format(sympy.Float, ".2e"): sympy formats its 15-digit decimal string through Python's Decimal,
//! so the exponent has no padding and rounding is half-even: 0.5 → "5.00e-1", 42 → "4.20e+1".
std::string formatSympyE2(double value);

//! format(float, "0.2e") as try_evaluate_frac writes it: 0.5 → "5.00e-01".
std::string formatPythonE2(double value);

//! Python's float(text) (surrounding whitespace, sign, digits with single underscores, point,
//! exponent, inf/infinity/nan in any case); nullopt where Python raises ValueError.
std::optional<double> pythonFloat(const std::string &text);

} // namespace wb::engine
