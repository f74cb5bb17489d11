#pragma once

// `llama-workbench serve ...`: the Llama Stack server, headless. See docs/server.md.

#include <QStringList>

//! Runs the server until SIGINT/SIGTERM. `arguments` is the whole command line as in argv (program
//! first; a "serve" word right after it is skipped). Creates its own QCoreApplication unless one
//! exists already, so no display is needed. Returns the process exit code: 0 after a clean stop or
//! --help, 2 for a bad command line or auth file, 1 when the engine or the listening socket fails.
int runServe(const QStringList &arguments);
