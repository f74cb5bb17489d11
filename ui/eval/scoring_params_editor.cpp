#include "scoring_params_editor.h"

#include "eval_text.h"
#include "model_picker.h"
#include "prompt_template_check.h"
#include "regex_list_editor.h"

#include "common/json_text.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace wb::ui {

namespace {
const QString kBasic = QStringLiteral("basic");
const QString kRegex = QStringLiteral("regex_parser");
const QString kJudge = QStringLiteral("llm_as_judge");

constexpr api::AggregationFunctionType kAllAggregations[] = {
    api::AggregationFunctionType::Accuracy, api::AggregationFunctionType::Average,
    api::AggregationFunctionType::WeightedAverage, api::AggregationFunctionType::Median,
    api::AggregationFunctionType::CategoricalCount};

int pageOf(const QString &type)
{
    return type == kRegex ? 1 : type == kJudge ? 2 : 0;
}
} // namespace

ScoringParamsEditor::ScoringParamsEditor(api::StackApi &api, QWidget *parent)
    : QWidget(parent)
    , m_api(api)
    , m_type(new QComboBox(this))
    , m_aggregations(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
{
    m_type->setObjectName(QStringLiteral("paramsTypeCombo"));
    m_type->setToolTip(tr("basic: no parameters but the aggregations; regex_parser: regexes that extract "
                          "the answer; llm_as_judge: a model grades each answer"));
    m_aggregations->setObjectName(QStringLiteral("aggregationList"));
    for (api::AggregationFunctionType a : kAllAggregations) {
        auto *item = new QListWidgetItem(aggregationName(a), m_aggregations);
        item->setData(Qt::UserRole, int(a));
        item->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
        item->setCheckState(Qt::Unchecked);
    }
    m_aggregations->setMaximumHeight(m_aggregations->sizeHintForRow(0) * 5 + 2 * m_aggregations->frameWidth() + 4);
    connect(m_aggregations, &QListWidget::itemChanged, this, &ScoringParamsEditor::changed);

    m_pages->addWidget(new QWidget(m_pages)); // basic: nothing more to edit
    m_pages->addWidget(createRegexPage());
    m_pages->addWidget(createJudgePage());

    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Type:"), m_type);
    form->addRow(tr("Aggregations:"), m_aggregations);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_pages);

    setDefaults(std::nullopt);
    connect(m_type, &QComboBox::currentIndexChanged, this, &ScoringParamsEditor::onTypeChanged);
}

QWidget *ScoringParamsEditor::createRegexPage()
{
    auto *page = new QWidget(m_pages);
    m_parsingRegexes = new RegexListEditor(page);
    m_parsingRegexes->setObjectName(QStringLiteral("parsingRegexEditor"));
    m_parsingRegexes->setPlaceholderText(tr("one regular expression per line; the first group is the answer"));
    connect(m_parsingRegexes, &RegexListEditor::validityChanged, this, &ScoringParamsEditor::changed);
    auto *form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Parsing regexes:"), m_parsingRegexes);
    return page;
}

QWidget *ScoringParamsEditor::createJudgePage()
{
    auto *page = new QWidget(m_pages);
    m_judgeModel = new ModelPicker(m_api, page);
    m_judgeModel->setObjectName(QStringLiteral("judgeModelPicker"));
    m_template = new QPlainTextEdit(page);
    m_template->setObjectName(QStringLiteral("promptTemplateEdit"));
    m_template->setPlaceholderText(tr("Question: {input_query}\nGold answer: {expected_answer}\n"
                                      "Answer: {generated_answer}\nScore the answer from 0 to 5. Score:"));
    m_template->setMinimumHeight(90);
    auto *placeholders = new QLabel(
        tr("Placeholders: %1. Write {{ and }} for literal braces.")
            .arg(QStringLiteral("{") + promptPlaceholders().join(QStringLiteral("}, {")) + QStringLiteral("}")),
        page);
    placeholders->setObjectName(QStringLiteral("placeholdersLabel"));
    placeholders->setWordWrap(true);
    placeholders->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_templateStatus = new QLabel(page);
    m_templateStatus->setObjectName(QStringLiteral("promptTemplateStatus"));
    m_templateStatus->setWordWrap(true);
    m_templateStatus->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_templateStatus->hide();
    connect(m_template, &QPlainTextEdit::textChanged, this, &ScoringParamsEditor::validateTemplate);
    m_judgeRegexes = new RegexListEditor(page);
    m_judgeRegexes->setObjectName(QStringLiteral("judgeScoreRegexEditor"));
    m_judgeRegexes->setPlaceholderText(tr("e.g. Score: (\\d+)"));
    connect(m_judgeRegexes, &RegexListEditor::validityChanged, this, &ScoringParamsEditor::changed);

    auto *form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Judge model:"), m_judgeModel);
    form->addRow(tr("Prompt template:"), m_template);
    form->addRow(QString(), placeholders);
    form->addRow(QString(), m_templateStatus);
    form->addRow(tr("Judge score regexes:"), m_judgeRegexes);
    return page;
}

void ScoringParamsEditor::validateTemplate()
{
    // An empty template is only reported when the params are read: not while the user starts typing.
    const QString text = m_template->toPlainText();
    const QString problem = text.trimmed().isEmpty() ? QString() : promptTemplateError(text);
    m_templateStatus->setText(problem);
    m_templateStatus->setVisible(!problem.isEmpty());
    Q_EMIT changed();
}

void ScoringParamsEditor::onTypeChanged()
{
    m_pages->setCurrentIndex(pageOf(currentType()));
    if (currentType() == kJudge && !m_modelsRequested) {
        m_modelsRequested = true; // only a judge needs the list of models
        m_judgeModel->refresh();
    }
    Q_EMIT changed();
}

QString ScoringParamsEditor::currentType() const
{
    return m_type->currentData().toString();
}

void ScoringParamsEditor::setCurrentType(const QString &type)
{
    const int i = m_type->findData(type);
    if (i >= 0)
        m_type->setCurrentIndex(i);
    onTypeChanged();
}

QStringList ScoringParamsEditor::offeredTypes() const
{
    QStringList out;
    for (int i = 0; i < m_type->count(); ++i)
        out << m_type->itemData(i).toString();
    return out;
}

void ScoringParamsEditor::setDefaults(const std::optional<api::ScoringFnParams> &defaults)
{
    const QString type = defaults ? paramsTypeName(*defaults) : kBasic;
    QStringList offered;
    if (type == kJudge)
        offered = {kJudge};
    else if (type == kRegex)
        offered = {kRegex, kBasic};
    else
        offered = {kBasic};
    const QSignalBlocker block(m_type);
    m_type->clear();
    for (const QString &t : offered)
        m_type->addItem(t, t);
    if (defaults)
        setParams(*defaults);
    else
        setCurrentType(kBasic);
}

void ScoringParamsEditor::setAggregations(const std::vector<api::AggregationFunctionType> &aggregations)
{
    const QSignalBlocker block(m_aggregations);
    for (int i = 0; i < m_aggregations->count(); ++i) {
        QListWidgetItem *item = m_aggregations->item(i);
        const auto a = api::AggregationFunctionType(item->data(Qt::UserRole).toInt());
        const bool on = std::find(aggregations.begin(), aggregations.end(), a) != aggregations.end();
        item->setCheckState(on ? Qt::Checked : Qt::Unchecked);
    }
    Q_EMIT changed();
}

void ScoringParamsEditor::setParams(const api::ScoringFnParams &params)
{
    const QString type = paramsTypeName(params);
    if (m_type->findData(type) < 0) {
        const QSignalBlocker block(m_type);
        m_type->addItem(type, type);
    }
    setAggregations(api::aggregationFunctions(params));
    if (const auto *regex = std::get_if<api::RegexParserScoringFnParams>(&params))
        m_parsingRegexes->setPatterns(regex->parsing_regexes);
    if (const auto *judge = std::get_if<api::LlmAsJudgeScoringFnParams>(&params)) {
        m_judgeModel->setModelId(toQString(judge->judge_model));
        m_template->setPlainText(toQString(judge->prompt_template.value_or(std::string())));
        m_judgeRegexes->setPatterns(judge->judge_score_regexes);
    }
    setCurrentType(type);
}

std::vector<api::AggregationFunctionType> ScoringParamsEditor::aggregations() const
{
    std::vector<api::AggregationFunctionType> out;
    for (int i = 0; i < m_aggregations->count(); ++i) {
        const QListWidgetItem *item = m_aggregations->item(i);
        if (item->checkState() == Qt::Checked)
            out.push_back(api::AggregationFunctionType(item->data(Qt::UserRole).toInt()));
    }
    return out;
}

std::variant<api::ScoringFnParams, QString> ScoringParamsEditor::params() const
{
    const QString type = currentType();
    if (type == kRegex) {
        if (!m_parsingRegexes->isValid())
            return tr("Parsing regexes: %1").arg(m_parsingRegexes->errorText());
        api::RegexParserScoringFnParams p;
        p.parsing_regexes = m_parsingRegexes->patterns();
        if (p.parsing_regexes.empty())
            return tr("Parsing regexes: enter at least one regular expression.");
        p.aggregation_functions = aggregations();
        return api::ScoringFnParams(std::move(p));
    }
    if (type == kJudge) {
        api::LlmAsJudgeScoringFnParams p;
        p.judge_model = toStdString(m_judgeModel->modelId());
        if (p.judge_model.empty())
            return tr("Choose a judge model.");
        const QString text = m_template->toPlainText();
        if (const QString problem = promptTemplateError(text); !problem.isEmpty())
            return tr("Prompt template: %1").arg(problem);
        p.prompt_template = toStdString(text);
        if (!m_judgeRegexes->isValid())
            return tr("Judge score regexes: %1").arg(m_judgeRegexes->errorText());
        p.judge_score_regexes = m_judgeRegexes->patterns();
        p.aggregation_functions = aggregations();
        return api::ScoringFnParams(std::move(p));
    }
    api::BasicScoringFnParams p;
    p.aggregation_functions = aggregations();
    return api::ScoringFnParams(std::move(p));
}

} // namespace wb::ui
