#pragma once

// Edits one scoring function's params: the type (basic, regex_parser or llm_as_judge, as far as
// the function takes it), the aggregation functions, and per type the parsing regexes or the
// judge (model, prompt template with its placeholders, score regexes). Every field is checked as
// the user types; params() names the first problem instead of a value.

#include "api/stack_api.h"

#include <QWidget>

#include <optional>
#include <variant>

class QComboBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QStackedWidget;

namespace wb::ui {

class ModelPicker;
class RegexListEditor;

class ScoringParamsEditor : public QWidget
{
    Q_OBJECT
public:
    ScoringParamsEditor(api::StackApi &api, QWidget *parent);

    //! Offers the types a function with these default params accepts (a judge: llm_as_judge only;
    //! a regex function: regex_parser or basic; else basic) and shows the defaults.
    void setDefaults(const std::optional<api::ScoringFnParams> &defaults);
    //! Shows `params` (its type must be one of the offered ones, else it is offered too).
    void setParams(const api::ScoringFnParams &params);
    //! The edited params, or the first problem ("Parsing regexes: line 2: ...").
    std::variant<api::ScoringFnParams, QString> params() const;

    QString currentType() const;
    void setCurrentType(const QString &type);
    QStringList offeredTypes() const;
    void setAggregations(const std::vector<api::AggregationFunctionType> &aggregations);

    ModelPicker *judgeModelPicker() const { return m_judgeModel; }
    RegexListEditor *parsingRegexEditor() const { return m_parsingRegexes; }
    RegexListEditor *judgeRegexEditor() const { return m_judgeRegexes; }
    QPlainTextEdit *promptTemplateEdit() const { return m_template; }

Q_SIGNALS:
    void changed();

private:
    QWidget *createRegexPage();
    QWidget *createJudgePage();
    void onTypeChanged();
    void validateTemplate();
    std::vector<api::AggregationFunctionType> aggregations() const;

    api::StackApi &m_api;
    QComboBox *m_type;
    QListWidget *m_aggregations;
    QStackedWidget *m_pages;
    RegexListEditor *m_parsingRegexes = nullptr;
    ModelPicker *m_judgeModel = nullptr;
    QPlainTextEdit *m_template = nullptr;
    QLabel *m_templateStatus = nullptr;
    RegexListEditor *m_judgeRegexes = nullptr;
    bool m_modelsRequested = false;
};

} // namespace wb::ui
