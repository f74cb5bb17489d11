#pragma once

// "Add OpenAI-compatible endpoint…": a model served elsewhere (llama.cpp server, vLLM, Ollama, a
// Llama Stack server, another workbench) under a local id. The base URL is checked here, before
// anything is sent; the key is typed with a password echo and never shown again.

#include "register_model_dialog.h"

class QLineEdit;

namespace wb::ui {

struct EndpointFields
{
    QString modelId;     //!< empty: the remote model name
    QString baseUrl;     //!< http(s)://host[:port]/path, e.g. http://127.0.0.1:8080/v1
    QString apiKey;      //!< optional
    QString remoteModel; //!< the model's name at the endpoint; empty: the model id
};

//! The request for `fields`, or a message saying what to correct.
std::variant<api::RegisterModelRequest, QString> endpointRequest(const EndpointFields &fields);

class AddEndpointDialog : public RegisterModelDialog
{
    Q_OBJECT
public:
    AddEndpointDialog(api::StackApi &api, QWidget *parent);

    void setFields(const EndpointFields &fields);
    EndpointFields fields() const;

    std::variant<api::RegisterModelRequest, QString> buildRequest() const override;

private:
    QLineEdit *m_modelId;
    QLineEdit *m_baseUrl;
    QLineEdit *m_apiKey;
    QLineEdit *m_remoteModel;
};

} // namespace wb::ui
