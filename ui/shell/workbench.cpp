#include "workbench.h"

#include "connection/connection_controller.h"
#include "connection/token_store.h"
#include "datasets/datasets_page.h"
#include "eval/eval_page.h"
#include "main_window.h"
#include "models/models_page.h"
#include "rerank/rerank_page.h"
#include "training/training_page.h"

#include <QListWidget>
#include <QStackedWidget>

namespace wb::ui {

namespace {
void addPages(MainWindow &window, api::StackApi &api)
{
    window.addPage(MainWindow::tr("Datasets"), new DatasetsPage(api, &window));
    window.addPage(MainWindow::tr("Models"), new ModelsPage(api, &window));
    auto *eval = new EvalPage(api, &window);
    window.addPage(MainWindow::tr("Benchmarks & Eval"), eval);
    auto *training = new TrainingPage(api, &window);
    window.addPage(MainWindow::tr("Training"), training);
    window.addPage(MainWindow::tr("Rerank"), new RerankPage(api, &window));
    // "Evaluate this checkpoint": the eval page with the checkpoint's model chosen, shown.
    QObject::connect(training, &TrainingPage::evaluateCheckpointRequested, eval,
                     [&window, eval](const QString &modelId) {
        eval->preselectCandidateModel(modelId);
        auto *stack = window.findChild<QStackedWidget *>(QStringLiteral("pageStack"));
        auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigationList"));
        if (stack && navigation && stack->indexOf(eval) >= 0)
            navigation->setCurrentRow(stack->indexOf(eval)); // rows and pages share their order
    });
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
