#pragma once

// Builds the main window with its pages. Shared by app/main.cpp and the GUI tests, so the tests run
// the same wiring the user gets.

#include "api/stack_api.h"

#include <memory>

namespace wb::ui {

class ConnectionController;
class MainWindow;

//! The app's window: pages follow `connections` (rebuilt on every switch).
std::unique_ptr<MainWindow> createMainWindow(ConnectionController &connections);

//! A window on `api` only (in-process, no remote connections, tokens kept in memory), for tests
//! and tools that have one StackApi. The window owns the controller it makes.
std::unique_ptr<MainWindow> createMainWindow(api::StackApi &api);

} // namespace wb::ui
