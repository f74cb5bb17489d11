#include "eval_row_table.h"

#include "common/json_text.h"

#include <QStringList>

#include <algorithm>

namespace wb::ui {

namespace {

QString jsonText(const api::Json &value)
{
    if (value.is_null())
        return {};
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : compactJson(value);
}

//! "role: content" per message; content parts and other fields as compact JSON.
QString messagesText(const api::Json &messages)
{
    QStringList lines;
    for (const api::Json &m : messages) {
        if (!m.is_object()) {
            lines << compactJson(m);
            continue;
        }
        const auto role = m.find("role");
        const auto content = m.find("content");
        const QString roleText = role != m.end() && role->is_string()
                                     ? QString::fromStdString(role->get<std::string>())
                                     : QStringLiteral("?");
        lines << roleText + QStringLiteral(": ") + (content == m.end() ? QString() : jsonText(*content));
    }
    return lines.join(QLatin1Char('\n'));
}

bool isMessages(const api::Json &j)
{
    return j.is_array() && std::all_of(j.begin(), j.end(), [](const api::Json &m) { return m.is_object(); });
}

//! The value of the first column present (and not null) among `keys`.
const api::Json *firstOf(const api::Json &row, std::initializer_list<const char *> keys)
{
    if (!row.is_object())
        return nullptr;
    for (const char *key : keys) {
        const auto it = row.find(key);
        if (it != row.end() && !it->is_null())
            return &*it;
    }
    return nullptr;
}

//! A score value: numbers are numbers; strings are judge categories, numeric ones also sortable.
ScoreCell scoreCell(const api::Json &scoreRow)
{
    ScoreCell cell;
    cell.present = true;
    const auto score = scoreRow.is_object() ? scoreRow.find("score") : scoreRow.end();
    if (!scoreRow.is_object() || score == scoreRow.end() || score->is_null())
        return cell;
    if (score->is_number()) {
        cell.value = score->get<double>();
        cell.text = QString::number(cell.value);
        if (score->is_number_float() && cell.value == std::floor(cell.value) && std::fabs(cell.value) < 1e15)
            cell.text += QStringLiteral(".0"); // 1.0 stays "1.0", as the API writes it
    } else if (score->is_boolean()) {
        cell.value = score->get<bool>() ? 1.0 : 0.0;
        cell.text = score->get<bool>() ? QStringLiteral("true") : QStringLiteral("false");
    } else if (score->is_string()) {
        cell.isString = true;
        cell.text = QString::fromStdString(score->get<std::string>());
        bool ok = false;
        const double v = cell.text.trimmed().toDouble(&ok);
        if (ok)
            cell.value = v;
    } else {
        cell.text = compactJson(*score);
    }
    return cell;
}

bool isBestWord(const QString &text)
{
    const QString t = text.trimmed().toUpper();
    return t == QLatin1String("A") || t == QLatin1String("CORRECT") || t == QLatin1String("PASS")
        || t == QLatin1String("YES") || t == QLatin1String("TRUE");
}

} // namespace

QString promptText(const api::Json &inputRow)
{
    if (const api::Json *chat = firstOf(inputRow, {"chat_completion_input"})) {
        if (chat->is_string()) {
            const auto parsed = embeddedJson(chat->get<std::string>());
            if (parsed && isMessages(*parsed))
                return messagesText(*parsed);
        } else if (isMessages(*chat)) {
            return messagesText(*chat);
        }
        return jsonText(*chat);
    }
    if (const api::Json *completion = firstOf(inputRow, {"completion_input"})) {
        // Upstream json.loads it: usually a JSON string holding the prompt string.
        if (completion->is_string()) {
            const api::Json parsed = api::Json::parse(completion->get<std::string>(), nullptr, false);
            if (!parsed.is_discarded() && parsed.is_string())
                return QString::fromStdString(parsed.get<std::string>());
        }
        return jsonText(*completion);
    }
    if (const api::Json *question = firstOf(inputRow, {"input_query", "question", "prompt", "problem", "input"}))
        return jsonText(*question);
    return {};
}

QString expectedText(const api::Json &inputRow)
{
    const api::Json *expected = firstOf(inputRow, {"expected_answer", "answer"});
    return expected ? jsonText(*expected) : QString();
}

QString oneLine(const QString &text, int maxChars)
{
    QString line = text.size() > maxChars ? text.left(maxChars) + QChar(0x2026) : text;
    line.replace(QLatin1Char('\n'), QChar(0x23CE)).remove(QLatin1Char('\r'));
    return line;
}

void EvalRowTable::reset(const std::vector<std::string> &functions)
{
    m_functions.clear();
    for (const std::string &id : functions)
        if (std::none_of(m_functions.begin(), m_functions.end(), [&](const FunctionInfo &f) { return f.id == id; }))
            m_functions.push_back(FunctionInfo{id});
    m_entries.clear();
    m_outcomes.clear();
    m_positionByIndex.clear();
    m_hasFeedback = false;
    m_hasExtracted = false;
}

EvalRowEntryPtr EvalRowTable::makeEntry(const api::EvalRowResult &row)
{
    auto entry = std::make_shared<EvalRowEntry>();
    entry->raw = row;
    const api::Json &input = row.input_row.value;
    entry->input = promptText(input);
    entry->expected = expectedText(input);
    entry->generated = QString::fromStdString(row.generated_answer);
    if (row.error)
        entry->error = QString::fromStdString(*row.error);

    QStringList extracted;
    QStringList feedback;
    entry->scores.resize(m_functions.size());
    for (const auto &[fnId, scoreRow] : row.scores.entries) {
        const api::Json &value = scoreRow.value;
        if (const auto it = value.find("extracted_answer"); it != value.end() && !it->is_null())
            extracted << jsonText(*it);
        if (const auto it = value.find("judge_feedback"); it != value.end() && !it->is_null())
            feedback << jsonText(*it);
        const auto fn = std::find_if(m_functions.begin(), m_functions.end(),
                                     [&](const FunctionInfo &f) { return f.id == fnId; });
        const size_t position = size_t(fn - m_functions.begin());
        if (fn == m_functions.end()) {
            m_functions.push_back(FunctionInfo{fnId});
            entry->scores.resize(m_functions.size());
        }
        entry->scores[position] = scoreCell(value);
    }
    entry->extracted = extracted.join(QStringLiteral(" | "));
    entry->feedback = feedback.join(QStringLiteral("\n\n"));
    m_hasExtracted = m_hasExtracted || !extracted.isEmpty();
    m_hasFeedback = m_hasFeedback || !feedback.isEmpty();
    entry->haystack = QString(entry->input + QChar(0x1F) + entry->expected + QChar(0x1F) + entry->generated).toCaseFolded();
    return entry;
}

RowOutcome EvalRowTable::classify(const EvalRowEntry &entry) const
{
    if (entry.raw.error)
        return RowOutcome::Error;
    for (size_t f = 0; f < m_functions.size(); ++f) {
        const ScoreCell *cell = entry.score(f);
        if (!cell)
            return RowOutcome::Fail;
        if (!cell->isString) {
            if (!(cell->value >= 1.0)) // NaN (null, odd types) fails too
                return RowOutcome::Fail;
            continue;
        }
        if (isBestWord(cell->text))
            continue;
        if (std::isnan(cell->value) || cell->value < m_functions[f].bestRating)
            return RowOutcome::Fail;
    }
    return RowOutcome::Pass;
}

EvalRowTable::AppendResult EvalRowTable::append(const std::vector<api::EvalRowResult> &rows)
{
    AppendResult result;
    result.firstNewFunction = m_functions.size();
    std::vector<double> bestBefore;
    for (const FunctionInfo &f : m_functions)
        bestBefore.push_back(f.bestRating);

    const size_t firstNew = m_entries.size();
    for (const api::EvalRowResult &row : rows) {
        if (m_positionByIndex.count(row.index))
            continue;
        EvalRowEntryPtr entry = makeEntry(row);
        for (size_t f = 0; f < m_functions.size(); ++f) {
            const ScoreCell *cell = entry->score(f);
            if (cell && cell->isString) {
                m_functions[f].judge = true;
                if (!std::isnan(cell->value) && !isBestWord(cell->text))
                    m_functions[f].bestRating = std::max(m_functions[f].bestRating, cell->value);
            }
        }
        m_positionByIndex.emplace(row.index, int64_t(m_entries.size()));
        m_entries.push_back(std::move(entry));
    }
    result.newFunctions = m_functions.size() - result.firstNewFunction;

    // A new function (earlier rows lack its score) or a higher best rating changes earlier rows.
    bool reclassifyAll = result.newFunctions > 0 && firstNew > 0;
    for (size_t f = 0; f < bestBefore.size(); ++f)
        reclassifyAll = reclassifyAll || m_functions[f].bestRating != bestBefore[f];
    m_outcomes.resize(m_entries.size());
    for (size_t i = reclassifyAll ? 0 : firstNew; i < m_entries.size(); ++i) {
        const RowOutcome outcome = classify(*m_entries[i]);
        result.outcomesChanged = result.outcomesChanged || (i < firstNew && outcome != m_outcomes[i]);
        m_outcomes[i] = outcome;
    }
    return result;
}

int64_t EvalRowTable::positionOf(int64_t index) const
{
    const auto it = m_positionByIndex.find(index);
    return it == m_positionByIndex.end() ? -1 : it->second;
}

int64_t EvalRowTable::count(RowOutcome outcome) const
{
    return std::count(m_outcomes.begin(), m_outcomes.end(), outcome);
}

} // namespace wb::ui
