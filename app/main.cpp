// llama-workbench: parses the command line, opens the in-process engine and shows the main window;
// `llama-workbench serve ...` runs the headless server instead (app/serve_command.h).
// Everything else (pages, translations) lives in ui/ so the GUI tests build the same thing.
//
// This is the one place that decides what sits behind the StackApi the UI sees: the Engine for the
// in-process profile, a remote::RemoteClient (built by the factory below) for a remote profile.

#include "common/language_manager.h"
#include "connection/connection_controller.h"
#include "connection/keychain_token_store.h"
#include "shell/main_window.h"
#include "shell/workbench.h"

#include "engine/engine.h"
#include "remote/remote_client.h"
#include "serve_command.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QMessageBox>
#include <QStandardPaths>

#include <cstdio>

int main(int argc, char **argv)
{
    if (argc > 1 && qstrcmp(argv[1], "serve") == 0) {
        QStringList arguments;
        for (int i = 0; i < argc; ++i)
            arguments << QString::fromLocal8Bit(argv[i]);
        return runServe(arguments); // before any QApplication: the server needs no display
    }

    QApplication::setOrganizationName(QStringLiteral("LlamaStackWorkbench"));
    QApplication::setApplicationName(QStringLiteral("llama-workbench"));
    QApplication::setApplicationVersion(QStringLiteral(WB_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Desktop workbench for the Llama Stack experimental APIs."));
    parser.addHelpOption();
    const QCommandLineOption versionOption(
        {QStringLiteral("v"), QStringLiteral("version")},
        QApplication::translate("main", "Displays version information."));
    parser.addOption(versionOption);
    const QCommandLineOption dataDirOption(
        QStringLiteral("data-dir"),
        QApplication::translate("main", "Keeps the engine's data (store, caches) in <dir>."),
        QApplication::translate("main", "dir"));
    parser.addOption(dataDirOption);
    const QCommandLineOption modelDirOption(
        QStringLiteral("model-dir"),
        QApplication::translate("main", "Also lists the Hugging Face model folders in <dir> (repeatable; "
                                        "<data dir>/models, WB_MODEL_PATH and the Hugging Face cache "
                                        "are always searched)."),
        QApplication::translate("main", "dir"));
    parser.addOption(modelDirOption);
    const QCommandLineOption langOption(
        QStringLiteral("lang"),
        QApplication::translate("main", "Uses the <locale> translation (e.g. de, zh_CN) for this run."),
        QApplication::translate("main", "locale"));
    parser.addOption(langOption);

    // --help and --version are answered before the QApplication exists, so they work without a
    // display. Everything else is parsed after it, so Qt's own options (-platform, ...) still work.
    QStringList arguments;
    for (int i = 1; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    if (arguments.contains(QStringLiteral("--version")) || arguments.contains(QStringLiteral("-v"))) {
        // Our own format instead of Qt's "<app> <version>" so scripts can rely on it.
        std::printf("llama-workbench %s\n", WB_VERSION);
        return 0;
    }
    if (arguments.contains(QStringLiteral("--help")) || arguments.contains(QStringLiteral("-h"))
        || arguments.contains(QStringLiteral("-?"))) {
        // Without a QApplication Qt cannot know the executable name; put ours in.
        std::printf("%s", qPrintable(parser.helpText().replace(QStringLiteral("<executable_name>"),
                                                               QStringLiteral("llama-workbench"))));
        std::printf("\n%s\n", qPrintable(QApplication::translate(
                                   "main", "Server mode: llama-workbench serve --help")));
        return 0;
    }

    QApplication app(argc, argv);
    parser.process(app); // unknown options: message and exit

    auto *languages = new wb::ui::LanguageManager(&app);
    languages->install(parser.value(langOption));

    const QString dataDir = parser.isSet(dataDirOption)
                                ? parser.value(dataDirOption)
                                : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    wb::engine::EngineConfig config;
    config.dataDir = dataDir;
    config.seedSamples = true;
    config.modelDirs = parser.values(modelDirOption);
    wb::engine::Engine engine(config);
    if (const wb::api::Status opened = engine.open(); !opened) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "Llama Stack Workbench"),
                              QApplication::translate("main", "Could not open the data folder %1:\n%2")
                                  .arg(dataDir, QString::fromStdString(opened.error().toString())));
        return 1;
    }

    // Tokens of remote profiles: the system keychain, or this session's memory when there is none.
    auto *tokens = new wb::ui::KeychainTokenStore(QStringLiteral("LlamaStackWorkbench"), &app);
    const wb::ui::RemoteApiFactory remoteFactory = [](const wb::ui::RemoteEndpoint &endpoint) {
        wb::remote::RemoteOptions options;
        options.baseUrl = endpoint.url;
        options.token = endpoint.token;
        options.caFile = endpoint.caFile;
        return std::unique_ptr<wb::api::StackApi>(std::make_unique<wb::remote::RemoteClient>(options));
    };
    // Declared before the window: the pages must go before the API the controller owns.
    wb::ui::ConnectionController connections(engine, QDir::toNativeSeparators(dataDir), remoteFactory,
                                             *tokens, nullptr);
    const std::unique_ptr<wb::ui::MainWindow> window = wb::ui::createMainWindow(connections);
    window->show();
    connections.restoreLastUsed(); // in-process until the last used remote answers
    return app.exec();
}
