#include "add_endpoint_dialog.h"

#include "common/json_text.h"

#include <QCoreApplication>
#include <QFormLayout>
#include <QLineEdit>
#include <QRegularExpression>
#include <QUrl>

namespace wb::ui {

namespace {

struct EndpointTr
{
    Q_DECLARE_TR_FUNCTIONS(wb::ui::AddEndpointDialog)
};

const QString kUrlExample = QStringLiteral("http://127.0.0.1:8080/v1");

} // namespace

std::variant<api::RegisterModelRequest, QString> endpointRequest(const EndpointFields &fields)
{
    const QString text = fields.baseUrl.trimmed();
    if (text.isEmpty())
        return EndpointTr::tr("Enter the endpoint's base URL, for example %1.").arg(kUrlExample);
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        return EndpointTr::tr("The base URL must start with http:// or https://, for example %1.").arg(kUrlExample);
    if (url.host().isEmpty())
        return EndpointTr::tr("The base URL %1 has no host name.").arg(text);
    if (url.hasQuery() || url.hasFragment())
        return EndpointTr::tr("The base URL must not have a query or fragment (“?…”, “#…”): %1").arg(text);

    const QString remote = fields.remoteModel.trimmed();
    const QString id = fields.modelId.trimmed().isEmpty() ? remote : fields.modelId.trimmed();
    if (id.isEmpty())
        return EndpointTr::tr("Enter a model id or the model's name at the endpoint.");
    if (id.contains(QRegularExpression(QStringLiteral("\\s"))))
        return EndpointTr::tr("The model id must not contain spaces: “%1”.").arg(id);

    api::RegisterModelRequest request;
    request.model_id = toStdString(id);
    request.provider_id = "openai";
    request.provider_model_id = toStdString(remote.isEmpty() ? id : remote);
    request.model_type = api::ModelType::Llm;
    // Without the trailing slash: the client appends "/chat/completions" itself.
    QString base = url.toString(QUrl::FullyEncoded);
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    request.metadata.value["base_url"] = toStdString(base);
    if (!fields.apiKey.isEmpty())
        request.metadata.value["api_key"] = toStdString(fields.apiKey);
    return request;
}

AddEndpointDialog::AddEndpointDialog(api::StackApi &api, QWidget *parent)
    : RegisterModelDialog(api, parent)
    , m_modelId(new QLineEdit(this))
    , m_baseUrl(new QLineEdit(this))
    , m_apiKey(new QLineEdit(this))
    , m_remoteModel(new QLineEdit(this))
{
    setObjectName(QStringLiteral("addEndpointDialog"));
    setWindowTitle(tr("Add OpenAI-Compatible Endpoint"));
    m_modelId->setObjectName(QStringLiteral("endpointModelIdEdit"));
    m_modelId->setPlaceholderText(tr("the remote model name when empty"));
    m_baseUrl->setObjectName(QStringLiteral("endpointUrlEdit"));
    m_baseUrl->setPlaceholderText(kUrlExample);
    m_apiKey->setObjectName(QStringLiteral("endpointKeyEdit"));
    m_apiKey->setEchoMode(QLineEdit::Password);
    m_apiKey->setPlaceholderText(tr("optional"));
    m_remoteModel->setObjectName(QStringLiteral("endpointRemoteModelEdit"));
    m_remoteModel->setPlaceholderText(tr("the model's name at the endpoint, e.g. llama3.2:1b"));

    form()->addRow(tr("Model id:"), m_modelId);
    form()->addRow(tr("Base URL:"), m_baseUrl);
    form()->addRow(tr("API key:"), m_apiKey);
    form()->addRow(tr("Remote model:"), m_remoteModel);
    resize(560, 240);
}

void AddEndpointDialog::setFields(const EndpointFields &fields)
{
    m_modelId->setText(fields.modelId);
    m_baseUrl->setText(fields.baseUrl);
    m_apiKey->setText(fields.apiKey);
    m_remoteModel->setText(fields.remoteModel);
}

EndpointFields AddEndpointDialog::fields() const
{
    return {m_modelId->text(), m_baseUrl->text(), m_apiKey->text(), m_remoteModel->text()};
}

std::variant<api::RegisterModelRequest, QString> AddEndpointDialog::buildRequest() const
{
    return endpointRequest(fields());
}

} // namespace wb::ui
