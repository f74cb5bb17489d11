#include "serve_command.h"

#include "engine/engine.h"
#include "server/api_server.h"
#include "server/serve_options.h"

#include <QCoreApplication>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <memory>
#include <vector>

namespace {

std::atomic<int> g_stopSignal{0};

extern "C" void onStopSignal(int signal)
{
    g_stopSignal.store(signal); // async-signal-safe: a lock-free atomic store, nothing else
}

} // namespace

int runServe(const QStringList &arguments)
{
    // A QCoreApplication of our own (argv must outlive it), unless the caller made one already.
    std::vector<QByteArray> argvStorage;
    std::vector<char *> argvPointers;
    for (const QString &a : arguments)
        argvStorage.push_back(a.toLocal8Bit());
    if (argvStorage.empty())
        argvStorage.push_back(QByteArrayLiteral("llama-workbench"));
    for (QByteArray &a : argvStorage)
        argvPointers.push_back(a.data());
    argvPointers.push_back(nullptr);
    int argc = int(argvStorage.size());
    std::unique_ptr<QCoreApplication> ownApp;
    if (!QCoreApplication::instance()) {
        QCoreApplication::setOrganizationName(QStringLiteral("LlamaStackWorkbench"));
        QCoreApplication::setApplicationName(QStringLiteral("llama-workbench"));
        QCoreApplication::setApplicationVersion(QStringLiteral(WB_VERSION));
        ownApp = std::make_unique<QCoreApplication>(argc, argvPointers.data());
    }

    auto config = wb::server::parseServeArguments(arguments);
    if (!config) {
        std::fprintf(stderr, "llama-workbench serve: %s\n", config.error().detail.c_str());
        std::fprintf(stderr, "Try 'llama-workbench serve --help'.\n");
        return 2;
    }
    if (config->help) {
        std::printf("%s", qPrintable(config->helpText));
        return 0;
    }

    wb::engine::EngineConfig engineConfig;
    engineConfig.dataDir = config->dataDir;
    engineConfig.databaseUrl = config->databaseUrl;
    engineConfig.modelDirs = config->modelDirs;
    engineConfig.evalJobs = config->evalJobs;
    engineConfig.trainingJobs = config->trainingJobs;
    engineConfig.seedSamples = true;
    engineConfig.maxDataUriBytes = config->server.maxDataUriBytes;
    wb::engine::Engine engine(engineConfig);
    if (auto opened = engine.open(); !opened) {
        std::fprintf(stderr, "llama-workbench serve: cannot open the data folder: %s\n",
                     opened.error().toString().c_str());
        return 1;
    }

    int exitCode = 0;
    {
        wb::server::ApiServer server(
            [&engine](const std::string &principal) { return engine.forPrincipal(principal); },
            config->server);
        QString error;
        if (!server.listen(&error)) {
            std::fprintf(stderr, "llama-workbench serve: %s\n", qPrintable(error));
            // A taken port is a runtime failure; a bad address or a public one without auth is
            // a command-line mistake.
            return error.startsWith(QLatin1String("Cannot listen")) ? 1 : 2;
        }
        std::printf("Serving the Llama Stack API on %s\n", qPrintable(server.baseUrl()));
        std::printf("Data folder: %s%s\n", qPrintable(engine.dataDir()),
                    config->server.authTokens.empty() ? " (no authentication)" : "");
        std::fflush(stdout);

        g_stopSignal.store(0);
        auto previousInt = std::signal(SIGINT, onStopSignal);
        auto previousTerm = std::signal(SIGTERM, onStopSignal);
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, [&poll] {
            if (g_stopSignal.load() != 0) {
                poll.stop();
                QCoreApplication::quit();
            }
        });
        poll.start(100);
        exitCode = QCoreApplication::exec();
        std::signal(SIGINT, previousInt);
        std::signal(SIGTERM, previousTerm);
        std::printf("Stopped.\n");
        std::fflush(stdout);
    } // the server goes first (no new calls), then the engine waits for the calls in flight
    return exitCode;
}
