#include "eval_rows_model.h"

#include "common/error_display.h"
#include "common/json_text.h"

#include "api/async.h"

#include <QColor>

#include <algorithm>
#include <limits>
#include <unordered_set>

namespace wb::ui {

bool isJobFinished(api::JobStatus status)
{
    return status == api::JobStatus::Completed || status == api::JobStatus::Failed
        || status == api::JobStatus::Cancelled;
}

EvalRowsModel::EvalRowsModel(api::StackApi &api, QObject *parent)
    : QAbstractTableModel(parent)
    , m_api(api)
{
    m_pollTimer.setSingleShot(true);
    m_pollTimer.setInterval(500);
    connect(&m_pollTimer, &QTimer::timeout, this, &EvalRowsModel::poll);
}

QString EvalRowsModel::outcomeName(RowOutcome outcome)
{
    switch (outcome) {
    case RowOutcome::Pass: return tr("pass");
    case RowOutcome::Fail: return tr("fail");
    case RowOutcome::Error: return tr("error");
    }
    return {};
}

void EvalRowsModel::setJob(const api::EvalJobInfo &job)
{
    beginResetModel();
    ++m_generation;
    m_pollTimer.stop();
    m_job = job;
    m_table.reset(job.scoring_functions);
    m_loading = !job.job_id.empty();
    endResetModel();
    Q_EMIT jobInfoChanged(m_job);
    Q_EMIT rowsChanged();
    if (m_loading)
        requestRows();
}

void EvalRowsModel::setRows(const api::EvalJobInfo &job, const std::vector<api::EvalRowResult> &rows)
{
    beginResetModel();
    ++m_generation;
    m_pollTimer.stop();
    m_job = job;
    m_table.reset(job.scoring_functions);
    m_table.append(rows);
    m_loading = false;
    endResetModel();
    Q_EMIT jobInfoChanged(m_job);
    Q_EMIT rowsChanged();
    Q_EMIT loadingFinished();
}

void EvalRowsModel::requestRows()
{
    const int generation = m_generation;
    api::onResult(m_api.evalJobRows(m_job.benchmark_id, m_job.job_id, int64_t(m_table.size()), PageSize),
                  this, [this, generation](const api::Result<api::EvalRowsPage> &page) {
                      onRows(generation, page);
                  });
}

void EvalRowsModel::onRows(int generation, const api::Result<api::EvalRowsPage> &page)
{
    if (generation != m_generation)
        return;
    if (!page) {
        Q_EMIT errorOccurred(errorMessage(tr("Could not read the rows of job %1.")
                                              .arg(toQString(m_job.job_id)), page.error()));
        // A running job is asked again at the next poll; an ended one stops here.
        if (isJobFinished(m_job.status))
            finishLoading();
        else
            m_pollTimer.start();
        return;
    }
    appendRows(page->data);
    if (page->has_more && !page->data.empty()) {
        requestRows();
        return;
    }
    if (isJobFinished(m_job.status))
        finishLoading();
    else
        m_pollTimer.start();
}

void EvalRowsModel::poll()
{
    const int generation = m_generation;
    api::onResult(m_api.evalJobInfo(m_job.benchmark_id, m_job.job_id), this,
                  [this, generation](const api::Result<api::EvalJobInfo> &info) {
                      if (generation != m_generation)
                          return;
                      if (!info) {
                          Q_EMIT errorOccurred(errorMessage(tr("Could not read the status of job %1.")
                                                                .arg(toQString(m_job.job_id)), info.error()));
                          if (info.error().status == 404) { // deleted under us: nothing more to follow
                              finishLoading();
                              return;
                          }
                          m_pollTimer.start();
                          return;
                      }
                      if (!(info.value() == m_job)) {
                          m_job = info.value();
                          Q_EMIT jobInfoChanged(m_job);
                      }
                      // Rows are stored before the status says the job ended, so reading them
                      // after this info sees every row of an ended job.
                      requestRows();
                  });
}

void EvalRowsModel::appendRows(const std::vector<api::EvalRowResult> &rows)
{
    const auto &functions = m_table.functions();
    std::unordered_set<int64_t> freshIndexes;
    bool newFunction = false;
    for (const api::EvalRowResult &row : rows) {
        if (m_table.positionOf(row.index) < 0)
            freshIndexes.insert(row.index);
        for (const auto &entry : row.scores.entries)
            newFunction = newFunction
                       || std::none_of(functions.begin(), functions.end(),
                                       [&](const EvalRowTable::FunctionInfo &f) { return f.id == entry.first; });
    }
    if (freshIndexes.empty())
        return;
    if (newFunction) {
        // A new function adds a score column in the middle: a reset is simpler, and rare (the
        // job's functions are known up front).
        beginResetModel();
        m_table.append(rows);
        endResetModel();
        Q_EMIT rowsChanged();
        return;
    }
    const int oldRows = int(m_table.size());
    beginInsertRows({}, oldRows, oldRows + int(freshIndexes.size()) - 1);
    const EvalRowTable::AppendResult added = m_table.append(rows);
    endInsertRows();
    if (added.outcomesChanged && oldRows > 0)
        Q_EMIT dataChanged(index(0, 0), index(oldRows - 1, columnCount() - 1));
    Q_EMIT rowsChanged();
}

void EvalRowsModel::finishLoading()
{
    m_loading = false;
    Q_EMIT loadingFinished();
}

int EvalRowsModel::functionOfColumn(int column) const
{
    const int f = column - FirstScoreColumn;
    return f >= 0 && f < int(m_table.functions().size()) ? f : -1;
}

int EvalRowsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_table.size());
}

int EvalRowsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : errorColumn() + 1;
}

QVariant EvalRowsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    const size_t row = size_t(index.row());
    const EvalRowEntry &e = m_table.entry(row);
    const int column = index.column();
    const int function = functionOfColumn(column);

    if (role == OutcomeRole)
        return int(m_table.outcome(row));
    if (role == SortRole) {
        if (column == IndexColumn)
            return double(e.raw.index);
        if (column == ResultColumn)
            return double(int(m_table.outcome(row)));
        if (function >= 0) {
            const ScoreCell *cell = e.score(size_t(function));
            return cell ? cell->value : std::numeric_limits<double>::quiet_NaN();
        }
    }
    if (role == Qt::TextAlignmentRole)
        return column == IndexColumn || function >= 0 ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    if (role == Qt::ForegroundRole && column == ResultColumn) {
        switch (m_table.outcome(row)) {
        case RowOutcome::Pass: return QColor(0x2e, 0x7d, 0x32);
        case RowOutcome::Fail: return QColor(0xc6, 0x28, 0x28);
        case RowOutcome::Error: return QColor(0xef, 0x6c, 0x00);
        }
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != SortRole)
        return {};

    const QString *text = nullptr;
    switch (column) {
    case IndexColumn:
        return role == Qt::ToolTipRole ? QVariant() : QVariant(qlonglong(e.raw.index));
    case ResultColumn:
        return role == Qt::ToolTipRole ? QVariant() : QVariant(outcomeName(m_table.outcome(row)));
    case InputColumn: text = &e.input; break;
    case ExpectedColumn: text = &e.expected; break;
    case GeneratedColumn: text = &e.generated; break;
    case ExtractedColumn: text = &e.extracted; break;
    default:
        if (function >= 0) {
            const ScoreCell *cell = e.score(size_t(function));
            return role == Qt::ToolTipRole || !cell ? QVariant() : QVariant(cell->text);
        }
        text = column == feedbackColumn() ? &e.feedback : &e.error;
    }
    if (role == SortRole)
        return *text;
    if (role == Qt::ToolTipRole) // long values are cut in the cell; the detail pane shows all
        return text->size() > 60 ? QVariant(text->left(1000)) : QVariant();
    return oneLine(*text);
}

QVariant EvalRowsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IndexColumn: return tr("#");
    case ResultColumn: return tr("Result");
    case InputColumn: return tr("Input");
    case ExpectedColumn: return tr("Expected");
    case GeneratedColumn: return tr("Generated");
    case ExtractedColumn: return tr("Extracted answer");
    default: break;
    }
    const int function = functionOfColumn(section);
    if (function >= 0)
        return toQString(m_table.functions()[size_t(function)].id); // an identifier: not translated
    if (section == feedbackColumn())
        return tr("Judge feedback");
    if (section == errorColumn())
        return tr("Error");
    return {};
}

} // namespace wb::ui
