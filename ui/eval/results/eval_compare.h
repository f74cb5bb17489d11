#pragma once

// Two runs of the same benchmark, row by row: rows are paired by their evaluated index (rows only
// one run has are counted as unpaired) and each pair falls in one category by the rows' outcomes
// (EvalRowTable), read from the base run to the changed one (the view takes the older run as the
// base). An error counts as "did not pass".
//   regression: base passed, changed did not;  improvement: base did not pass, changed did;
//   both pass;  both fail.
// McNemar's test (mcnemar.h) on the discordant pairs: b = regressions, c = improvements.

#include "eval_row_table.h"
#include "mcnemar.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include <optional>

namespace wb::ui {

enum class PairCategory { Regression, Improvement, BothPass, BothFail };

struct RowPair
{
    int64_t index = 0;
    size_t basePosition = 0;    //!< row in the base table
    size_t changedPosition = 0; //!< row in the changed table
    PairCategory category = PairCategory::BothFail;
};

struct RunComparison
{
    std::vector<RowPair> pairs; //!< by index
    int64_t regressions = 0;
    int64_t improvements = 0;
    int64_t bothPass = 0;
    int64_t bothFail = 0;
    int64_t unpaired = 0; //!< rows only one of the runs has
    McNemarResult mcnemar;
};

//! Pairs `base`'s rows with `changed`'s by index; categories read base → changed.
RunComparison compareRuns(const EvalRowTable &base, const EvalRowTable &changed);

//! The pairs as a table: # · category · input · expected · base result · base scores · base
//! generated · changed result · changed scores · changed generated.
class EvalCompareModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int CategoryRole = Qt::UserRole + 1;
    enum Column { IndexColumn, CategoryColumn, InputColumn, ExpectedColumn, BaseResultColumn,
                  BaseScoresColumn, BaseGeneratedColumn, ChangedResultColumn, ChangedScoresColumn,
                  ChangedGeneratedColumn, ColumnCount };

    explicit EvalCompareModel(QObject *parent);

    //! Both tables must outlive the model's use of them (they belong to the view's row models).
    void setComparison(const EvalRowTable *base, const EvalRowTable *changed, RunComparison comparison,
                       const QString &baseName, const QString &changedName);
    void clear();
    const RunComparison &comparison() const { return m_comparison; }

    static QString categoryName(PairCategory category);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString scoresText(const EvalRowTable &table, size_t position) const;

    const EvalRowTable *m_base = nullptr;
    const EvalRowTable *m_changed = nullptr;
    RunComparison m_comparison;
    QString m_baseName;
    QString m_changedName;
};

//! Shows one category of an EvalCompareModel (or all).
class EvalCompareFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit EvalCompareFilterModel(QObject *parent) : QSortFilterProxyModel(parent) {}
    //! nullopt: every pair.
    void setCategory(std::optional<PairCategory> category);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    std::optional<PairCategory> m_category;
};

} // namespace wb::ui
