#pragma once

// Upstream's answer normalisation for basic::regex_parser_math_response
// (providers/inline/scoring/basic/utils/math_utils.py, itself from Minerva), step for step:
// first_answer, extract_result_from_boxed, normalize_final_answer (SUBSTITUTIONS,
// REMOVED_EXPRESSIONS, the LaTeX clean-up regexes, _normalise_result) and the numeric evaluation
// try_evaluate_latex (our evaluator in math_expression.h in place of sympy) then try_evaluate_frac.

#include <QRegularExpression>
#include <QString>

#include <optional>

namespace wb::engine::math {

//! text.split("Q:")[0].split("A:")[0]
QString firstAnswer(const QString &text);

//! The content of the last \boxed{...} (or "\boxed x$"), "" when there is none.
QString extractResultFromBoxed(const QString &answer);

struct Normalized
{
    QString value;                    //!< the normalised answer, before numeric evaluation
    std::optional<QString> extracted; //!< what the regex (or the \boxed fallback) extracted
};

//! normalize_final_answer(text, regex, match_first=True). The regex's group 1 is the extraction
//! (the whole match when it has no group; upstream's findall would give a tuple for several groups,
//! and crash, where we take group 1). Nothing extracted → the text itself, unnormalised (upstream).
Normalized normalizeFinalAnswer(const QString &text, const QRegularExpression &regex);

//! try_evaluate_frac(try_evaluate_latex(s)): a number in sympy's ".2e" form ("5.00e-1"), else s with
//! each \frac{a}{b} of plain numbers replaced by float(a)/float(b) in Python's "0.2e" ("5.00e-01").
QString evaluate(const QString &normalized);

} // namespace wb::engine::math
