#include "workbench.h"

#include "datasets/datasets_page.h"
#include "main_window.h"

namespace wb::ui {

std::unique_ptr<MainWindow> createMainWindow(api::StackApi &api)
{
    auto window = std::make_unique<MainWindow>(api);
    // Only pages that work are listed; eval, rerank and post-training join as they are built.
    window->addPage(MainWindow::tr("Datasets"), new DatasetsPage(api, window.get()));
    return window;
}

} // namespace wb::ui
