#include "workbench.h"

#include "connection/connection_controller.h"
#include "connection/token_store.h"
#include "datasets/datasets_page.h"
#include "eval/eval_page.h"
#include "main_window.h"
#include "models/models_page.h"

namespace wb::ui {

namespace {
void addPages(MainWindow &window, api::StackApi &api)
{
    // Only pages that work are listed; rerank and post-training join as they are built.
    window.addPage(MainWindow::tr("Datasets"), new DatasetsPage(api, &window));
    window.addPage(MainWindow::tr("Models"), new ModelsPage(api, &window));
    window.addPage(MainWindow::tr("Benchmarks & Eval"), new EvalPage(api, &window));
}
} // namespace

std::unique_ptr<MainWindow> createMainWindow(ConnectionController &connections)
{
    return std::make_unique<MainWindow>(connections, addPages);
}

std::unique_ptr<MainWindow> createMainWindow(api::StackApi &api)
{
    auto *tokens = new SessionTokenStore(nullptr);
    auto *connections = new ConnectionController(api, QString::fromStdString(api.describe()), {}, *tokens, nullptr);
    tokens->setParent(connections);
    auto window = std::make_unique<MainWindow>(*connections, addPages);
    // Adopted after the window was built; ~MainWindow removes the pages before its children go.
    connections->setParent(window.get());
    return window;
}

} // namespace wb::ui
