#pragma once

// The rows of one eval run, prepared once for display: every EvalRowResult is turned into the
// strings and numbers the table, the filters, the sort, the compare mode and the export need, when
// it arrives, so none of them parses JSON again (100,000 rows filter and sort without re-reading
// them). Plain C++ (no QObject), so tests and the export worker can use it directly.
//
// Pass / fail / error (RowOutcome):
//   - error: the row has `error` (its generation or scoring failed);
//   - pass: every scoring function gave "full marks":
//       * a numeric score >= 1.0 (equality, regex parsers: 1.0 or 0.0; ifeval: the fraction of
//         instructions followed, so only all of them);
//       * a judge's string score in its best category: "A" for letter grades (SimpleQA's grader:
//         A = CORRECT), "CORRECT"/"PASS"/"YES"/"TRUE" for word verdicts, and for numeric ratings
//         ("0".."5") the highest rating the function gave in this run (the scale's top is not
//         known to the client; the best seen is). When a higher rating arrives, earlier rows are
//         classified again;
//   - fail: anything else, including a missing score row or a null score (the judge's reply
//     matched none of its regexes).
//   A run without scoring functions has nothing to fail: its rows without error pass.

#include "api/eval_jobs.h"

#include <QString>

#include <cmath>
#include <limits>
#include <memory>
#include <unordered_map>
#include <vector>

namespace wb::ui {

enum class RowOutcome { Pass, Fail, Error };

//! One function's score for one row, ready for display and sort.
struct ScoreCell
{
    bool present = false; //!< the function has a score row for this row
    QString text;         //!< "1.0", "A", "" for null
    double value = std::numeric_limits<double>::quiet_NaN(); //!< numeric score or numeric string
    bool isString = false; //!< a judge-style string score
};

//! One evaluated row: the raw result (detail pane, JSON export) plus its prepared values. Shared
//! and immutable once built, so an export running on a worker can hold a snapshot cheaply.
struct EvalRowEntry
{
    api::EvalRowResult raw;
    QString input;     //!< the prompt, readable ("user: …" per message)
    QString expected;
    QString generated;
    QString extracted; //!< the score rows' "extracted_answer" values, " | " between functions
    QString feedback;  //!< the score rows' "judge_feedback" values
    QString error;
    std::vector<ScoreCell> scores; //!< aligned with EvalRowTable::functions() when built
    QString haystack;  //!< input, expected and generated, case-folded, for the search

    const ScoreCell *score(size_t function) const
    {
        return function < scores.size() && scores[function].present ? &scores[function] : nullptr;
    }
};

using EvalRowEntryPtr = std::shared_ptr<const EvalRowEntry>;

//! The prompt of an input row: chat_completion_input (messages, as a JSON string or an array),
//! completion_input, or the question columns (input_query, question, prompt, problem, input).
QString promptText(const api::Json &inputRow);
//! expected_answer, else answer (strings as-is, other values as compact JSON).
QString expectedText(const api::Json &inputRow);
//! One line for a table cell: newlines shown as ⏎, cut at `maxChars`.
QString oneLine(const QString &text, int maxChars = 300);

class EvalRowTable
{
public:
    struct FunctionInfo
    {
        std::string id;
        bool judge = false;     //!< gave string scores
        double bestRating = -std::numeric_limits<double>::infinity(); //!< highest numeric string
    };
    struct AppendResult
    {
        size_t firstNewFunction = 0; //!< functions() index of the first new function
        size_t newFunctions = 0;
        bool outcomesChanged = false; //!< a judge's best rating rose: earlier rows re-classified
    };

    //! Starts empty with the job's functions (more are added as score rows name them).
    void reset(const std::vector<std::string> &functions = {});
    //! Adds rows after the ones held; a row whose index is already held is skipped.
    AppendResult append(const std::vector<api::EvalRowResult> &rows);

    size_t size() const { return m_entries.size(); }
    const EvalRowEntry &entry(size_t row) const { return *m_entries[row]; }
    const EvalRowEntryPtr &entryPtr(size_t row) const { return m_entries[row]; }
    RowOutcome outcome(size_t row) const { return m_outcomes[row]; }
    const std::vector<FunctionInfo> &functions() const { return m_functions; }
    const std::vector<RowOutcome> &outcomes() const { return m_outcomes; }
    //! Position of the row with evaluated index `index`, or -1.
    int64_t positionOf(int64_t index) const;
    bool hasFeedback() const { return m_hasFeedback; }
    bool hasExtracted() const { return m_hasExtracted; }

    int64_t count(RowOutcome outcome) const;

private:
    EvalRowEntryPtr makeEntry(const api::EvalRowResult &row);
    RowOutcome classify(const EvalRowEntry &entry) const;

    std::vector<FunctionInfo> m_functions;
    std::vector<EvalRowEntryPtr> m_entries;
    std::vector<RowOutcome> m_outcomes;
    std::unordered_map<int64_t, int64_t> m_positionByIndex; //!< evaluated index → position
    bool m_hasFeedback = false;
    bool m_hasExtracted = false;
};

} // namespace wb::ui
