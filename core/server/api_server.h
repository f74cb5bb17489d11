#pragma once

// ApiServer: the Llama Stack REST API over HTTP, in front of any StackApi implementation.
//
// The server depends on core/api only: it is handed a provider that returns the StackApi one
// principal sees (app/serve_command.cpp passes Engine::forPrincipal). It asks the provider once per
// principal and keeps the answer.
//
// Routes (exact spec paths): GET /v1/health, GET /v1/version, GET|POST /v1beta/datasets,
// GET|DELETE /v1beta/datasets/{dataset_id}, GET /v1beta/datasetio/iterrows/{dataset_id},
// POST /v1beta/datasetio/append-rows/{dataset_id}, and the extension
// GET /v1beta/x-workbench/dataset-stats/{dataset_id}; GET|POST /v1/models,
// GET|DELETE /v1/models/{model_id}, POST /v1/chat/completions, POST /v1/completions (JSON, or
// server-sent events with "stream": true, see sse_stream.h); scoring, benchmarks and eval in
// eval_routes.h; post-training in post_training_routes.h. Ids may contain '/' (plain or %2F).
//
// Every error is the spec's Error body {status, title, detail}; see docs/server.md for the status
// codes and where they differ from upstream.
//
// Threading: the server lives on the thread that creates it and needs that thread's event loop.
// Handlers never wait: each API call returns a future, the JSON is built on the thread that finishes
// it, and the reply is written back on the server's thread.

#include "api/stack_api.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <map>
#include <memory>
#include <string>

namespace wb::server {

struct ServerOptions
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 8321; //!< 0: any free port (see ApiServer::port())
    //! token → principal. Empty: no authentication, every request runs as principal "".
    std::map<std::string, std::string> authTokens;
    //! Allow listening on a non-loopback address without authentication.
    bool insecure = false;
    //! Folders whose files may be registered as datasets (paths and file:// URIs).
    QStringList allowFiles;
    //! Allow http(s):// and huggingface:// dataset sources.
    bool allowRemoteUris = false;
    //! Largest request body accepted (413 above it).
    qint64 maxBodyBytes = qint64(16) << 20;
    //! Largest decoded data: URI; not checked by the server itself, serve passes it to the engine.
    size_t maxDataUriBytes = size_t(64) << 20;
};

using StackApiProvider = std::function<std::shared_ptr<api::StackApi>(const std::string &principal)>;

class ApiServer : public QObject
{
    Q_OBJECT

public:
    ApiServer(StackApiProvider provider, ServerOptions options, QObject *parent = nullptr);
    ~ApiServer() override;

    //! Starts listening on options.host:options.port. False with a readable `error` when the address
    //! is bad, the port is taken, or a non-loopback address is asked for without auth or --insecure.
    bool listen(QString *error = nullptr);
    //! The port actually listened on (useful with port 0); 0 before listen().
    quint16 port() const;
    //! "http://HOST:PORT"
    QString baseUrl() const;
    const ServerOptions &options() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace wb::server
