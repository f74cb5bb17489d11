#pragma once

// Registers a benchmark: id, dataset (picked from the registered ones), scoring functions
// (checked from the listed ones, with their descriptions) and, per function, optional params of
// its own (kept in the benchmark's metadata, see benchmark_params.h), plus metadata. "New judge
// function…" registers an LLM-as-judge function without leaving the dialog. Input is checked
// before sending; a failure is shown in the dialog, which stays open.

#include "api/stack_api.h"

#include <QDialog>

#include <map>
#include <variant>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QStackedWidget;

namespace wb::ui {

class BusyOverlay;
class JudgeFunctionDialog;
class ScoringParamsEditor;

class RegisterBenchmarkDialog : public QDialog
{
    Q_OBJECT
public:
    RegisterBenchmarkDialog(api::StackApi &api, QWidget *parent);

    //! Reloads the datasets and scoring functions; loaded() follows.
    void reload();
    bool isLoaded() const { return m_pending == 0; }

    void setBenchmarkId(const QString &id);
    //! False when the dataset is not listed.
    bool setDatasetId(const QString &id);
    //! False when the function is not listed.
    bool setFunctionChecked(const QString &fnId, bool checked);
    QStringList listedFunctions() const;
    QStringList datasetIds() const;
    //! Shows `fnId`'s params below the list; its editor (created on first use), nullptr if unlisted.
    ScoringParamsEditor *showFunctionParams(const QString &fnId);
    //! Whether the benchmark keeps its own params for `fnId` (else the function's defaults apply).
    void setOwnParams(const QString &fnId, bool own);
    void setMetadataText(const QString &text);

    std::variant<api::RegisterBenchmarkRequest, QString> buildRequest() const;
    QString errorText() const;

    JudgeFunctionDialog *openJudgeFunctionDialog();
    void accept() override;

Q_SIGNALS:
    void loaded();
    void benchmarkRegistered(const QString &benchmarkId);
    void functionRegistered(const QString &scoringFnId);

private:
    void loadDatasets();
    void loadFunctions(const QString &checkAlso);
    void finishLoad();
    void onCurrentFunctionChanged();
    const api::ScoringFn *function(const QString &fnId) const;
    void showError(const QString &message);

    api::StackApi &m_api;
    QLineEdit *m_id;
    QComboBox *m_dataset;
    QListWidget *m_functions;
    QLabel *m_description;
    QLabel *m_paramsTitle;
    QCheckBox *m_ownParams;
    QStackedWidget *m_paramsPages;
    QPlainTextEdit *m_metadata;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    BusyOverlay *m_busy;
    std::vector<api::ScoringFn> m_functionDefs;
    std::map<QString, ScoringParamsEditor *> m_editors;
    std::map<QString, bool> m_own;
    int m_pending = 0;
    QString m_loadError;
};

} // namespace wb::ui
