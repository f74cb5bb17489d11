#include "server/serve_options.h"

#include "api/json_io.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>

namespace wb::server {

api::Result<std::map<std::string, std::string>> loadAuthFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return api::Error::badRequest("Cannot read the auth file " + path.toStdString() + ": "
                                      + file.errorString().toStdString());
    const QByteArray text = file.readAll();
    const api::Json j = api::Json::parse(text.toStdString(), nullptr, false);
    const std::string where = "auth file " + path.toStdString();
    if (j.is_discarded())
        return api::Error::badRequest(where + ": not valid JSON");
    if (!j.is_object() || !j.contains("tokens") || !j["tokens"].is_object())
        return api::Error::badRequest(where
                                      + ": expected {\"tokens\": {\"<token>\": \"<principal>\", ...}}");
    std::map<std::string, std::string> tokens;
    for (auto it = j["tokens"].begin(); it != j["tokens"].end(); ++it) {
        if (it.key().empty())
            return api::Error::badRequest(where + ": tokens: an empty token is not allowed");
        if (!it.value().is_string() || it.value().get<std::string>().empty())
            return api::Error::badRequest(where + ": tokens.<token>: the principal must be a "
                                                  "non-empty string");
        tokens.emplace(it.key(), it.value().get<std::string>());
    }
    if (tokens.empty())
        return api::Error::badRequest(where + ": tokens: no tokens (omit --auth-file to serve "
                                              "without authentication)");
    return tokens;
}

api::Result<ServeConfig> parseServeArguments(const QStringList &argumentsIn)
{
    QStringList arguments = argumentsIn;
    if (arguments.isEmpty())
        arguments << QStringLiteral("llama-workbench");
    if (arguments.size() > 1 && arguments.at(1) == QLatin1String("serve"))
        arguments.removeAt(1);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Serves the Llama Stack API (health, version, "
                                                    "datasets, datasetio) over HTTP."));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption helpOption({QStringLiteral("h"), QStringLiteral("help")},
                                        QStringLiteral("Displays this help."));
    const QCommandLineOption host(QStringLiteral("host"),
                                  QStringLiteral("Listens on <address> (default 127.0.0.1)."),
                                  QStringLiteral("address"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("Listens on <port> (default 8321; 0: any free port)."),
                                  QStringLiteral("port"), QStringLiteral("8321"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     QStringLiteral("Keeps the engine's data (store, caches) in <dir>."),
                                     QStringLiteral("dir"));
    const QCommandLineOption database(
        QStringLiteral("db"),
        QStringLiteral("Keeps the store in PostgreSQL (postgresql://user@host[:port]/db) instead of "
                       "SQLite in the data folder, so several servers can share it."),
        QStringLiteral("url"));
    const QCommandLineOption authFile(
        QStringLiteral("auth-file"),
        QStringLiteral("Requires 'Authorization: Bearer <token>' with the tokens in <file> "
                       "({\"tokens\": {\"<token>\": \"<principal>\"}})."),
        QStringLiteral("file"));
    const QCommandLineOption insecure(
        QStringLiteral("insecure"),
        QStringLiteral("Allows a non-loopback --host without --auth-file."));
    const QCommandLineOption allowFiles(
        QStringLiteral("allow-files"),
        QStringLiteral("Lets clients register files under <dir> as datasets (repeatable)."),
        QStringLiteral("dir"));
    const QCommandLineOption allowRemote(
        QStringLiteral("allow-remote-uris"),
        QStringLiteral("Lets clients register http(s):// and huggingface:// datasets."));
    const QCommandLineOption modelDir(
        QStringLiteral("model-dir"),
        QStringLiteral("Also serves the Hugging Face model folders in <dir> (repeatable; <data dir>/models, "
                       "WB_MODEL_PATH and the Hugging Face cache are always searched)."),
        QStringLiteral("dir"));
    const QCommandLineOption maxBody(QStringLiteral("max-body-mb"),
                                     QStringLiteral("Largest request body in MiB (default 16)."),
                                     QStringLiteral("n"), QStringLiteral("16"));
    const QCommandLineOption maxDataUri(
        QStringLiteral("max-data-uri-mb"),
        QStringLiteral("Largest decoded data: URI in MiB (default 64)."), QStringLiteral("n"),
        QStringLiteral("64"));
    const QCommandLineOption evalJobs(
        QStringLiteral("eval-jobs"),
        QStringLiteral("Runs at most <n> eval jobs at once; the others wait as 'scheduled' (default 1)."),
        QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption trainingJobs(
        QStringLiteral("training-jobs"),
        QStringLiteral("Trains at most <n> post-training jobs at once; the others wait as 'scheduled' "
                       "(default 1: each job already uses every core)."),
        QStringLiteral("n"), QStringLiteral("1"));
    parser.addOptions({helpOption, host, port, dataDir, database, authFile, insecure, allowFiles, allowRemote,
                       modelDir, maxBody, maxDataUri, evalJobs, trainingJobs});

    ServeConfig config;
    if (!parser.parse(arguments))
        return api::Error::badRequest(parser.errorText().toStdString());
    if (parser.isSet(helpOption)) {
        config.help = true;
        config.helpText = parser.helpText().replace(QStringLiteral("<executable_name>"),
                                                    QStringLiteral("llama-workbench serve"));
        return config;
    }
    if (!parser.positionalArguments().isEmpty())
        return api::Error::badRequest("Unexpected argument '"
                                      + parser.positionalArguments().first().toStdString() + "'");

    ServerOptions &o = config.server;
    o.host = parser.value(host);
    bool ok = false;
    const uint portValue = parser.value(port).toUInt(&ok);
    if (!ok || portValue > 65535)
        return api::Error::badRequest("--port: expected 0..65535, got '"
                                      + parser.value(port).toStdString() + "'");
    o.port = quint16(portValue);
    const qint64 maxBodyMb = parser.value(maxBody).toLongLong(&ok);
    if (!ok || maxBodyMb <= 0 || maxBodyMb > 64 * 1024)
        return api::Error::badRequest("--max-body-mb: expected a positive number of MiB, got '"
                                      + parser.value(maxBody).toStdString() + "'");
    o.maxBodyBytes = maxBodyMb << 20;
    const qint64 maxDataUriMb = parser.value(maxDataUri).toLongLong(&ok);
    if (!ok || maxDataUriMb <= 0 || maxDataUriMb > 64 * 1024)
        return api::Error::badRequest("--max-data-uri-mb: expected a positive number of MiB, got '"
                                      + parser.value(maxDataUri).toStdString() + "'");
    o.maxDataUriBytes = size_t(maxDataUriMb) << 20;
    const int evalJobsValue = parser.value(evalJobs).toInt(&ok);
    if (!ok || evalJobsValue < 1 || evalJobsValue > 64)
        return api::Error::badRequest("--eval-jobs: expected 1..64, got '"
                                      + parser.value(evalJobs).toStdString() + "'");
    config.evalJobs = evalJobsValue;
    const int trainingJobsValue = parser.value(trainingJobs).toInt(&ok);
    if (!ok || trainingJobsValue < 1 || trainingJobsValue > 64)
        return api::Error::badRequest("--training-jobs: expected 1..64, got '"
                                      + parser.value(trainingJobs).toStdString() + "'");
    config.trainingJobs = trainingJobsValue;
    o.insecure = parser.isSet(insecure);
    o.allowRemoteUris = parser.isSet(allowRemote);
    for (const QString &dir : parser.values(allowFiles)) {
        const QFileInfo info(dir);
        if (!info.isDir())
            return api::Error::badRequest("--allow-files: '" + dir.toStdString()
                                          + "' is not a folder");
        o.allowFiles << info.canonicalFilePath();
    }
    if (parser.isSet(authFile)) {
        auto tokens = loadAuthFile(parser.value(authFile));
        if (!tokens)
            return tokens.error();
        o.authTokens = std::move(tokens.value());
    }
    config.dataDir = parser.value(dataDir);
    for (const QString &dir : parser.values(modelDir)) {
        if (!QFileInfo(dir).isDir())
            return api::Error::badRequest("--model-dir: '" + dir.toStdString() + "' is not a folder");
        config.modelDirs << QFileInfo(dir).absoluteFilePath();
    }
    config.databaseUrl = parser.value(database);
    if (!config.databaseUrl.isEmpty() && !config.databaseUrl.startsWith(QLatin1String("postgresql://"))
        && !config.databaseUrl.startsWith(QLatin1String("postgres://")))
        return api::Error::badRequest("--db: expected postgresql://USER@HOST/DB, got '"
                                      + config.databaseUrl.toStdString() + "'");
    return config;
}

} // namespace wb::server
