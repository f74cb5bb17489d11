#pragma once

// Reading one instruction's kwargs (a JSON object whose null values were dropped, as upstream does).
//
// Upstream's build_description() picks a random value when an argument is missing or out of range
// (so the same row can score differently on each run) and fails with a TypeError (500) on an
// argument it does not know. We take neither path: a missing, mistyped or out-of-range argument and
// an unknown one throw KwargsError, which the scorer turns into a 400 naming the row's instruction.
// Integers may come as integral floats (3.0): pandas turns int columns with nulls into floats.

#include "api/json_io.h"

#include <QRegularExpression>
#include <QString>

#include <cstdint>
#include <limits>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace wb::engine::ifeval {

class KwargsError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

//! IFEval's _COMPARISON_RELATION.
enum class Relation { LessThan, AtLeast };

inline bool satisfies(Relation relation, int64_t actual, int64_t threshold)
{
    return relation == Relation::LessThan ? actual < threshold : actual >= threshold;
}

class Kwargs
{
public:
    explicit Kwargs(api::Json object) : m_object(std::move(object)) {}

    //! A required integer of at least `min`.
    int64_t integer(const char *key, int64_t min = 0);
    //! A required string.
    QString text(const char *key);
    //! A required, non-empty list of strings.
    std::vector<QString> texts(const char *key);
    //! A required "less than" | "at least".
    Relation relation(const char *key);
    //! Throws for a key no reader asked for (call after reading every argument).
    void finish() const;
    //! Lets any other key through (punctuation:no_comma takes **kwargs upstream).
    void ignoreRest() { m_ignoreRest = true; }

private:
    const api::Json &take(const char *key);

    api::Json m_object;
    std::set<std::string> m_used;
    bool m_ignoreRest = false;
};

//! `pattern` compiled as a Python regular expression; throws KwargsError naming `key` when invalid
//! (upstream uses keywords, section splitters and postscript markers as regular expressions).
QRegularExpression kwargRegex(const char *key, const QString &pattern,
                              QRegularExpression::PatternOptions options = {});

} // namespace wb::engine::ifeval
