#pragma once

// Builds the main window with its pages for a StackApi. Shared by app/main.cpp and the GUI tests,
// so the tests run the same wiring the user gets.

#include "api/stack_api.h"

#include <memory>

namespace wb::ui {

class MainWindow;

std::unique_ptr<MainWindow> createMainWindow(api::StackApi &api);

} // namespace wb::ui
