#pragma once

// Python `re` patterns run through QRegularExpression (PCRE2), the way the basic scoring functions
// need them: compiled once with Unicode properties (Python's \d, \w, \s and (?i) are Unicode for
// str patterns), `(?P<name>...)` as is, search = first match anywhere, sub = every match.
// Known differences from `re`: `\Z` also matches before a final newline (PCRE's \z is Python's
// \Z), and Python-only flags such as (?a) or (?L) are rejected as invalid.

#include "api/result.h"

#include <QRegularExpression>
#include <QString>

#include <functional>
#include <optional>
#include <string>

namespace wb::engine {

//! Compiles (and JIT-optimises) `pattern`; a 400 naming `role`, the pattern and PCRE's message when
//! it is invalid ("invalid parsing regex '(a': missing closing parenthesis at offset 2").
api::Result<QRegularExpression> compilePythonRegex(const std::string &pattern, const std::string &role);

//! re.search(re, text).group(1): nullopt when nothing matched or group 1 did not take part.
std::optional<QString> searchGroup1(const QRegularExpression &re, const QString &text);

//! re.sub(re, replace, text) for patterns that cannot match the empty string.
QString substituteAll(const QRegularExpression &re, const QString &text,
                      const std::function<QString(const QRegularExpressionMatch &)> &replace);

} // namespace wb::engine
