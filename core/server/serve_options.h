#pragma once

// The `serve` command line and the auth file, parsed without starting anything, so they can be
// tested and app/serve_command.cpp stays a thin shell (engine + server + signals).
//
//   serve [--host H] [--port P] [--data-dir DIR] [--db URL] [--auth-file FILE] [--insecure]
//         [--allow-files DIR]... [--allow-remote-uris] [--max-body-mb N] [--max-data-uri-mb N]
//         [--model-dir DIR]... [--eval-jobs N] [--training-jobs N]
//
// Auth file: JSON {"tokens": {"<token>": "<principal>", ...}}; see docs/server.md.

#include "api/result.h"
#include "server/api_server.h"

#include <QString>
#include <QStringList>

namespace wb::server {

struct ServeConfig
{
    ServerOptions server;
    QString dataDir;  //!< empty: the engine's default (AppDataLocation)
    QString databaseUrl; //!< --db: empty = SQLite in dataDir; postgresql://user@host/db
    QStringList modelDirs; //!< --model-dir: model folders to list besides <dataDir>/models
    int evalJobs = 1;      //!< --eval-jobs: run_eval jobs that run at once (1..64)
    int trainingJobs = 1;  //!< --training-jobs: post-training jobs that train at once (1..64)
    bool help = false; //!< --help: print helpText and exit 0
    QString helpText;
};

//! `arguments` is argv as Qt gives it: the program first, then (optionally) the word "serve",
//! then the options. Errors (unknown option, bad number, unreadable auth file) are a 400 whose
//! detail is the message to print.
api::Result<ServeConfig> parseServeArguments(const QStringList &arguments);

//! Reads {"tokens": {"<token>": "<principal>"}}. Empty tokens or principals are refused, so a
//! typo cannot turn authentication into "anything goes".
api::Result<std::map<std::string, std::string>> loadAuthFile(const QString &path);

} // namespace wb::server
