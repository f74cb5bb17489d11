#pragma once

// The run setup of the selected benchmark: the candidate (model, sampling strategy, temperature,
// top-p or top-k, max tokens, repetition penalty, stop strings, system message), the number of
// examples, and optionally scoring params that override the benchmark's for this run. Builds the
// RunEvalRequest; the page runs it.

#include "api/stack_api.h"

#include <QWidget>

#include <map>
#include <variant>

class QDoubleSpinBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QPlainTextEdit;
class QSpinBox;
class QTabWidget;

namespace wb::ui {

class ModelPicker;
class ScoringParamsEditor;

class RunSetupPanel : public QWidget
{
    Q_OBJECT
public:
    RunSetupPanel(api::StackApi &api, QWidget *parent);

    //! The benchmark runs go to and the definitions of the scoring functions (for their default
    //! params); nullptr clears the setup. The candidate fields are kept across benchmarks.
    void setBenchmark(const api::Benchmark *benchmark, const std::vector<api::ScoringFn> &functions);
    QString benchmarkId() const { return m_benchmarkId; }

    //! The request for the current fields, or the first problem.
    std::variant<api::RunEvalRequest, QString> buildRequest() const;

    ModelPicker *modelPicker() const { return m_model; }
    void refreshModels();
    //! "greedy", "top_p" or "top_k".
    void setStrategy(const QString &strategy);
    //! 0: every row.
    void setNumExamples(int n);
    void setMaxTokens(int n);
    void setOverrideParams(bool on);
    //! The override editor of `fnId` (nullptr when the benchmark has no such function).
    ScoringParamsEditor *overrideEditor(const QString &fnId) const;

private:
    void onStrategyChanged();

    api::StackApi &m_api;
    QString m_benchmarkId;
    api::OrderedMap<api::ScoringFnParams> m_benchmarkParams;
    ModelPicker *m_model;
    QComboBox *m_strategy;
    QDoubleSpinBox *m_temperature;
    QDoubleSpinBox *m_topP;
    QSpinBox *m_topK;
    QSpinBox *m_maxTokens;
    QDoubleSpinBox *m_repetition;
    QPlainTextEdit *m_stop;
    QPlainTextEdit *m_system;
    QSpinBox *m_examples;
    QGroupBox *m_override;
    QTabWidget *m_overrideTabs;
    QLabel *m_paramsNote;
    std::map<QString, ScoringParamsEditor *> m_editors;
};

//! Stop strings from text, one per line; "\n" and "\t" written out become the characters and
//! "\\" a backslash, so a newline can be a stop string.
std::vector<std::string> stopStrings(const QString &text);

} // namespace wb::ui
