#include "judge_function_dialog.h"

#include "scoring_params_editor.h"

#include "common/busy_overlay.h"
#include "common/error_display.h"
#include "common/json_text.h"

#include "api/async.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace wb::ui {

JudgeFunctionDialog::JudgeFunctionDialog(api::StackApi &api, QWidget *parent)
    : QDialog(parent)
    , m_api(api)
    , m_id(new QLineEdit(this))
    , m_description(new QLineEdit(this))
    , m_params(new ScoringParamsEditor(api, this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("judgeFunctionDialog"));
    setWindowTitle(tr("New LLM-as-Judge Function"));
    m_id->setObjectName(QStringLiteral("judgeFunctionIdEdit"));
    m_id->setPlaceholderText(tr("e.g. my-judge::helpfulness"));
    m_description->setObjectName(QStringLiteral("judgeDescriptionEdit"));
    m_description->setPlaceholderText(tr("what the judge grades"));

    // Only judges can be user-defined, so the type is fixed; the judge's defaults fill the fields.
    api::LlmAsJudgeScoringFnParams defaults;
    defaults.prompt_template = "Question: {input_query}\nExpected answer: {expected_answer}\n"
                               "Generated answer: {generated_answer}\n\n"
                               "Rate the generated answer from 0 (wrong) to 5 (fully correct). "
                               "Reply with \"Score: <number>\".";
    defaults.judge_score_regexes = {"Score: (\\d+)"};
    defaults.aggregation_functions = {api::AggregationFunctionType::Average};
    m_params->setDefaults(api::ScoringFnParams(defaults));

    m_error->setObjectName(QStringLiteral("judgeErrorLabel"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: white; background: #b3261e; padding: 6px;"));
    m_error->hide();

    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Register"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &JudgeFunctionDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &JudgeFunctionDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(tr("Function id:"), m_id);
    form->addRow(tr("Description:"), m_description);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_params);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    m_busy = new BusyOverlay(this);
    m_busy->setText(tr("Registering…"));
    resize(560, 560);
}

void JudgeFunctionDialog::setFunctionId(const QString &id)
{
    m_id->setText(id);
}

void JudgeFunctionDialog::setDescription(const QString &text)
{
    m_description->setText(text);
}

QString JudgeFunctionDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

std::variant<api::RegisterScoringFunctionRequest, QString> JudgeFunctionDialog::buildRequest() const
{
    static const QRegularExpression space(QStringLiteral("\\s"));
    const QString id = m_id->text().trimmed();
    if (id.isEmpty())
        return tr("Enter an id for the function.");
    if (id.contains(space))
        return tr("The function id must not contain spaces.");
    auto params = m_params->params();
    if (const auto *problem = std::get_if<QString>(&params))
        return *problem;
    api::RegisterScoringFunctionRequest request;
    request.scoring_fn_id = toStdString(id);
    request.description = toStdString(m_description->text().trimmed());
    request.return_type.type = api::ParamTypeKind::Number;
    request.params = std::get<api::ScoringFnParams>(std::move(params));
    return request;
}

void JudgeFunctionDialog::accept()
{
    auto built = buildRequest();
    if (const auto *problem = std::get_if<QString>(&built)) {
        showError(*problem);
        return;
    }
    m_error->hide();
    m_buttons->setEnabled(false);
    m_busy->start();
    auto request = std::get<api::RegisterScoringFunctionRequest>(std::move(built));
    const QString id = toQString(request.scoring_fn_id);
    api::onResult(m_api.registerScoringFunction(std::move(request)), this, [this, id](const api::Result<void> &r) {
        m_buttons->setEnabled(true);
        m_busy->stop();
        if (!r) {
            showError(errorMessage(tr("The scoring function was not registered."), r.error()));
            return;
        }
        Q_EMIT functionRegistered(id);
        QDialog::accept();
    });
}

void JudgeFunctionDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
}

} // namespace wb::ui
