// GUI test of the Models page against a real in-process engine (offscreen) with a tiny random
// Llama in a configured model folder: the list and its columns, a broken folder greyed with its
// error, the detail pane, adding a folder and an endpoint through the dialogs' logic (and their
// validation), removing, a streamed run in both modes, Stop, and the page in the main window.

#include "gated_api.h"
#include "ascii_model.h"

#include "models/add_endpoint_dialog.h"
#include "models/add_model_folder_dialog.h"
#include "models/generation_runner.h"
#include "models/model_detail_view.h"
#include "models/model_info.h"
#include "models/model_list_model.h"
#include "models/models_page.h"
#include "models/prompt_panel.h"
#include "shell/main_window.h"
#include "shell/workbench.h"

#include "api/async.h"
#include "engine/engine.h"

#include <QAction>
#include <QBrush>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace wb;
using ui::ModelListModel;

namespace {
const QString kModel = QStringLiteral("tiny-chat");
const QString kBroken = QStringLiteral("broken-gpt2");
} // namespace

class TestModelsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void formatsParameterCounts();
    void readsListEntries();
    void listsModelFromConfiguredFolder();
    void greysBrokenFolderWithItsError();
    void showsDetailWithoutSecrets();
    void addsFolderThroughDialog();
    void rejectsBadFolders();
    void validatesEndpointBeforeSending();
    void addsAndRemovesEndpoint();
    void streamsChatAnswer();
    void runsCompletionWithCtrlEnter();
    void stopCancelsAndRunWaits();
    void mainWindowListsModelsPage();
    void cleanupTestCase();

private:
    QString cell(const QString &modelId, int column, int role = Qt::DisplayRole) const;
    QWidget *button(const char *name) const;
    QAction *action(const char *name) const;
    void saveScreenshot(const QString &name) const;

    QTemporaryDir m_dir;
    QString m_modelPath;
    std::unique_ptr<engine::Engine> m_engine;
    std::unique_ptr<GatedApi> m_api;
    std::unique_ptr<ui::ModelsPage> m_page;
};

void TestModelsPage::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Only our folder: not the user's Hugging Face cache, not WB_MODEL_PATH.
    qputenv("HF_HOME", m_dir.filePath(QStringLiteral("hf-home")).toUtf8());
    qunsetenv("HF_HUB_CACHE");
    qunsetenv("WB_MODEL_PATH");

    const QString models = m_dir.filePath(QStringLiteral("models"));
    m_modelPath = QDir(models).filePath(kModel);
    const api::Status written = test::writeAsciiModel(m_modelPath);
    QVERIFY2(written.ok(), written.ok() ? "" : written.error().toString().c_str());
    // A folder the runtime cannot load: listed anyway, with the reason.
    const QString broken = QDir(models).filePath(kBroken);
    QVERIFY(QDir().mkpath(broken));
    QFile config(QDir(broken).filePath(QStringLiteral("config.json")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(R"({"architectures": ["GPT2LMHeadModel"], "model_type": "gpt2", "n_embd": 32})");
    config.close();

    engine::EngineConfig engineConfig;
    engineConfig.dataDir = m_dir.filePath(QStringLiteral("data"));
    engineConfig.modelDirs = {models};
    m_engine = std::make_unique<engine::Engine>(engineConfig);
    const api::Status opened = m_engine->open();
    QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().toString().c_str());
    m_api = std::make_unique<GatedApi>(*m_engine);

    m_page = std::make_unique<ui::ModelsPage>(*m_api, nullptr);
    m_page->resize(1200, 800);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QTRY_VERIFY(!m_page->listModel()->isLoading());
    QVERIFY2(m_page->listErrorText().isEmpty(), qPrintable(m_page->listErrorText()));
}

QString TestModelsPage::cell(const QString &modelId, int column, int role) const
{
    const ModelListModel *model = m_page->listModel();
    const int row = model->rowOf(modelId);
    return row < 0 ? QStringLiteral("<absent>") : model->data(model->index(row, column), role).toString();
}

QWidget *TestModelsPage::button(const char *name) const
{
    return m_page->findChild<QWidget *>(QString::fromLatin1(name));
}

QAction *TestModelsPage::action(const char *name) const
{
    return m_page->findChild<QAction *>(QString::fromLatin1(name));
}

//! With WB_UI_SCREENSHOT_DIR set, keeps a picture of the page for a human to look at.
void TestModelsPage::saveScreenshot(const QString &name) const
{
    const QString dir = qEnvironmentVariable("WB_UI_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        m_page->grab().save(dir + QStringLiteral("/models_") + name + QStringLiteral(".png"));
}

void TestModelsPage::formatsParameterCounts()
{
    QCOMPARE(ui::parameterCountText(134515008), QStringLiteral("135M"));   // SmolLM2-135M
    QCOMPARE(ui::parameterCountText(1711376384), QStringLiteral("1.7B"));  // SmolLM2-1.7B
    QCOMPARE(ui::parameterCountText(8030261248LL), QStringLiteral("8B"));  // Llama 3.1 8B
    QCOMPARE(ui::parameterCountText(494032768), QStringLiteral("494M"));   // Qwen2.5-0.5B
    QCOMPARE(ui::parameterCountText(999600000), QStringLiteral("1B"));     // not "1000M"
    QCOMPARE(ui::parameterCountText(23456), QStringLiteral("23K"));
    QCOMPARE(ui::parameterCountText(950), QStringLiteral("950"));
}

void TestModelsPage::readsListEntries()
{
    api::OpenAIModel listed;
    listed.id = "org/name";
    listed.owned_by = "local";
    listed.custom_metadata = api::JsonObject{api::Json::parse(
        R"({"model_type":"llm","provider_id":"local","provider_resource_id":"org/name",
            "path":"/hub/org/name","source":"hf-cache","architecture":"Qwen2ForCausalLM",
            "parameters":494032768,"context_length":32768,"tokenizer":"byte-level BPE"})")};
    const ui::ModelInfo info = ui::modelInfo(listed);
    QCOMPARE(info.id, QStringLiteral("org/name"));
    QCOMPARE(info.architecture, QStringLiteral("Qwen2ForCausalLM"));
    QCOMPARE(info.parameters.value_or(0), qint64(494032768));
    QCOMPARE(info.contextLength.value_or(0), qint64(32768));
    QCOMPARE(info.location, QStringLiteral("/hub/org/name"));
    QVERIFY(info.isLocal() && !info.isRegistered() && info.canGenerate());
    QVERIFY(!info.metadata.contains("provider_id")); // the detail pane lists those once

    api::Model endpoint;
    endpoint.identifier = "remote";
    endpoint.provider_id = "openai";
    endpoint.provider_resource_id = "llama3.2:1b";
    endpoint.metadata.value = {{"base_url", "http://h:8080/v1"}, {"api_key", "***"}};
    const ui::ModelInfo remote = ui::modelInfo(endpoint);
    QVERIFY(!remote.isLocal() && remote.isRegistered());
    QCOMPARE(ui::providerText(remote), QStringLiteral("remote"));
    QCOMPARE(remote.location, QStringLiteral("http://h:8080/v1"));
    QVERIFY(!ui::metadataValueText("api_key", "sk-secret").contains(QStringLiteral("sk-secret")));
}

void TestModelsPage::listsModelFromConfiguredFolder()
{
    QVERIFY(m_page->listModel()->rowOf(kModel) >= 0);
    QCOMPARE(cell(kModel, ModelListModel::TypeColumn), QStringLiteral("llm"));
    QCOMPARE(cell(kModel, ModelListModel::ProviderColumn), QStringLiteral("local"));
    QCOMPARE(cell(kModel, ModelListModel::ArchitectureColumn), QStringLiteral("LlamaForCausalLM"));
    QCOMPARE(cell(kModel, ModelListModel::ParametersColumn),
             ui::parameterCountText(test::asciiModelConfig().parameterCount()));
    QCOMPARE(cell(kModel, ModelListModel::ContextColumn), QLocale().toString(512));
    QVERIFY2(cell(kModel, ModelListModel::TokenizerColumn).contains(QStringLiteral("BPE")),
             qPrintable(cell(kModel, ModelListModel::TokenizerColumn)));
    QVERIFY2(cell(kModel, ModelListModel::SourceColumn).contains(QStringLiteral("folder"))
                 && cell(kModel, ModelListModel::SourceColumn).contains(m_modelPath),
             qPrintable(cell(kModel, ModelListModel::SourceColumn)));
    QVERIFY(!m_page->listModel()->data(m_page->listModel()->index(m_page->listModel()->rowOf(kModel), 0),
                                       Qt::ForegroundRole).isValid());

    // The first runnable model is selected, so the prompt box is ready; a found model cannot be
    // removed from here.
    QTRY_COMPARE(m_page->currentModelId(), kModel);
    QCOMPARE(m_page->promptPanel()->modelId(), kModel);
    QVERIFY(!action("removeModelAction")->isEnabled());
    QVERIFY(button("runButton")->isEnabled());
    saveScreenshot(QStringLiteral("list"));
}

void TestModelsPage::greysBrokenFolderWithItsError()
{
    const ModelListModel *model = m_page->listModel();
    const int row = model->rowOf(kBroken);
    QVERIFY(row >= 0);
    const ui::ModelInfo *info = model->model(row);
    QVERIFY(!info->error.isEmpty());
    QVERIFY(!info->canGenerate());
    QVERIFY(model->data(model->index(row, ModelListModel::IdColumn), Qt::ForegroundRole).value<QBrush>().style()
            != Qt::NoBrush);
    const QString tip = cell(kBroken, ModelListModel::ArchitectureColumn, Qt::ToolTipRole);
    QVERIFY2(tip.contains(info->error), qPrintable(tip));

    m_page->selectModel(kBroken);
    QTRY_COMPARE(m_page->promptPanel()->modelId(), kBroken);
    QVERIFY(!button("runButton")->isEnabled());
    QVERIFY(!m_page->promptPanel()->run());
    QVERIFY(m_page->promptPanel()->errorText().contains(info->error));
    m_page->selectModel(kModel);
    QTRY_COMPARE(m_page->promptPanel()->modelId(), kModel);
    QVERIFY(m_page->promptPanel()->errorText().isEmpty()); // the message was about the other model
}

void TestModelsPage::showsDetailWithoutSecrets()
{
    m_page->selectModel(kModel);
    ui::ModelDetailView *detail = m_page->detailView();
    QTRY_COMPARE(detail->valueText(QStringLiteral("path")), m_modelPath);
    QCOMPARE(detail->valueText(QStringLiteral("id")), kModel);
    QCOMPARE(detail->valueText(QStringLiteral("architecture")), QStringLiteral("LlamaForCausalLM"));
    QCOMPARE(detail->valueText(QStringLiteral("parameters")),
             QString::number(test::asciiModelConfig().parameterCount()));
    QVERIFY(detail->keys().contains(QStringLiteral("chat_template")));
}

void TestModelsPage::addsFolderThroughDialog()
{
    // The same model files in a folder that no scan sees: only registration lists it.
    const QString path = m_dir.filePath(QStringLiteral("elsewhere/my-model"));
    const api::Status written = test::writeAsciiModel(path, 11);
    QVERIFY2(written.ok(), written.ok() ? "" : written.error().toString().c_str());

    QPointer<ui::AddModelFolderDialog> dialog = m_page->openAddFolderDialog();
    QVERIFY(dialog);
    dialog->setFolder(path);
    QCOMPARE(dialog->effectiveModelId(), QStringLiteral("my-model")); // defaults to the folder name
    const auto request = dialog->buildRequest();
    QVERIFY(std::holds_alternative<api::RegisterModelRequest>(request));
    QCOMPARE(std::get<api::RegisterModelRequest>(request).metadata.value.value("path", ""), path.toStdString());
    QSignalSpy registered(dialog.data(), &ui::RegisterModelDialog::modelRegistered);
    dialog->accept();
    QTRY_COMPARE(registered.count(), 1);
    QCOMPARE(registered.first().first().toString(), QStringLiteral("my-model"));
    QTRY_VERIFY(!dialog); // closed and deleted itself

    QTRY_COMPARE(m_page->currentModelId(), QStringLiteral("my-model")); // selected once listed
    QCOMPARE(cell(QStringLiteral("my-model"), ModelListModel::ArchitectureColumn), QStringLiteral("LlamaForCausalLM"));
    QVERIFY(cell(QStringLiteral("my-model"), ModelListModel::SourceColumn).contains(QStringLiteral("registered")));
    QVERIFY(action("removeModelAction")->isEnabled());
}

void TestModelsPage::rejectsBadFolders()
{
    // Checked here: nothing is sent for an empty or relative path.
    QVERIFY(std::holds_alternative<QString>(ui::modelFolderRequest(QString(), QString())));
    QVERIFY(std::holds_alternative<QString>(ui::modelFolderRequest(QStringLiteral("models/x"), QString())));
    QVERIFY(std::holds_alternative<QString>(ui::modelFolderRequest(QStringLiteral("/m/x"), QStringLiteral("a b"))));

    // Checked by the backend: a folder without config.json. The dialog stays open with the reason.
    const QString empty = m_dir.filePath(QStringLiteral("empty-folder"));
    QVERIFY(QDir().mkpath(empty));
    QPointer<ui::AddModelFolderDialog> dialog = m_page->openAddFolderDialog();
    dialog->setFolder(empty);
    QSignalSpy registered(dialog.data(), &ui::RegisterModelDialog::modelRegistered);
    dialog->accept();
    QTRY_VERIFY(!dialog->errorText().isEmpty());
    QVERIFY2(dialog->errorText().contains(QStringLiteral("config.json")), qPrintable(dialog->errorText()));
    QVERIFY(dialog->isVisible());
    QCOMPARE(registered.count(), 0);
    dialog->reject();
    QTRY_VERIFY(!dialog);
    QCOMPARE(m_page->listModel()->rowOf(QStringLiteral("empty-folder")), -1);
}

void TestModelsPage::validatesEndpointBeforeSending()
{
    auto error = [](const ui::EndpointFields &f) {
        const auto r = ui::endpointRequest(f);
        return std::holds_alternative<QString>(r) ? std::get<QString>(r) : QString();
    };
    QVERIFY(!error({QStringLiteral("m"), QString(), QString(), QStringLiteral("m")}).isEmpty());
    QVERIFY(error({QStringLiteral("m"), QStringLiteral("ftp://host/v1"), QString(), QString()}).contains(QStringLiteral("http")));
    QVERIFY(!error({QStringLiteral("m"), QStringLiteral("127.0.0.1:8080/v1"), QString(), QString()}).isEmpty());
    QVERIFY(!error({QStringLiteral("m"), QStringLiteral("http:///v1"), QString(), QString()}).isEmpty());
    QVERIFY(!error({QStringLiteral("m"), QStringLiteral("http://h/v1?x=1"), QString(), QString()}).isEmpty());
    QVERIFY(!error({QString(), QStringLiteral("http://h/v1"), QString(), QString()}).isEmpty()); // no id at all

    const auto ok = ui::endpointRequest({QString(), QStringLiteral(" http://127.0.0.1:8080/v1/ "),
                                         QStringLiteral("sk-1"), QStringLiteral("llama3.2:1b")});
    QVERIFY(std::holds_alternative<api::RegisterModelRequest>(ok));
    const auto &request = std::get<api::RegisterModelRequest>(ok);
    QCOMPARE(request.model_id, std::string("llama3.2:1b")); // the remote name when no id is given
    QCOMPARE(request.provider_id.value_or(""), std::string("openai"));
    QCOMPARE(request.provider_model_id.value_or(""), std::string("llama3.2:1b"));
    QCOMPARE(request.metadata.value.value("base_url", ""), std::string("http://127.0.0.1:8080/v1"));
    QCOMPARE(request.metadata.value.value("api_key", ""), std::string("sk-1"));

    // Through the dialog: the message shows inline and nothing reaches the backend.
    QPointer<ui::AddEndpointDialog> dialog = m_page->openAddEndpointDialog();
    auto *key = dialog->findChild<QLineEdit *>(QStringLiteral("endpointKeyEdit"));
    QCOMPARE(key->echoMode(), QLineEdit::Password);
    dialog->setFields({QStringLiteral("bad-endpoint"), QStringLiteral("localhost:8080"), QString(), QString()});
    QSignalSpy registered(dialog.data(), &ui::RegisterModelDialog::modelRegistered);
    dialog->accept();
    QVERIFY(!dialog->errorText().isEmpty());
    QVERIFY(dialog->isVisible());
    dialog->reject();
    QTRY_VERIFY(!dialog);
    QCOMPARE(registered.count(), 0);
    QVERIFY(!api::await(m_engine->getModel("bad-endpoint")).ok());
}

void TestModelsPage::addsAndRemovesEndpoint()
{
    const QString secret = QStringLiteral("sk-never-shown");
    QPointer<ui::AddEndpointDialog> dialog = m_page->openAddEndpointDialog();
    // Registration does not call the endpoint, so any loopback address will do.
    dialog->setFields({QStringLiteral("remote-llama"), QStringLiteral("http://127.0.0.1:9/v1"), secret,
                       QStringLiteral("llama3.2:1b")});
    dialog->accept();
    QTRY_VERIFY(!dialog);
    QTRY_COMPARE(m_page->currentModelId(), QStringLiteral("remote-llama"));
    QCOMPARE(cell(QStringLiteral("remote-llama"), ModelListModel::ProviderColumn), QStringLiteral("remote"));
    QCOMPARE(cell(QStringLiteral("remote-llama"), ModelListModel::SourceColumn),
             QStringLiteral("endpoint \u00B7 http://127.0.0.1:9/v1"));

    ui::ModelDetailView *detail = m_page->detailView();
    QTRY_COMPARE(detail->valueText(QStringLiteral("provider_resource_id")), QStringLiteral("llama3.2:1b"));
    QVERIFY(detail->keys().contains(QStringLiteral("api_key")));
    for (const QString &k : detail->keys())
        QVERIFY2(!detail->valueText(k).contains(secret), qPrintable(k));
    saveScreenshot(QStringLiteral("endpoint"));

    // Remove asks first; Cancel keeps it, Remove removes it.
    QVERIFY(action("removeModelAction")->isEnabled());
    action("removeModelAction")->trigger();
    auto *box = m_page->findChild<QMessageBox *>(QStringLiteral("removeModelConfirmation"));
    QVERIFY(box);
    box->button(QMessageBox::Cancel)->click();
    QTRY_VERIFY(!m_page->findChild<QMessageBox *>(QStringLiteral("removeModelConfirmation")));
    QVERIFY(api::await(m_engine->getModel("remote-llama")).ok());

    action("removeModelAction")->trigger();
    box = m_page->findChild<QMessageBox *>(QStringLiteral("removeModelConfirmation"));
    QVERIFY(box);
    QAbstractButton *remove = nullptr;
    for (QAbstractButton *b : box->buttons())
        if (box->buttonRole(b) == QMessageBox::DestructiveRole)
            remove = b;
    QVERIFY(remove);
    remove->click();
    QTRY_COMPARE(m_page->listModel()->rowOf(QStringLiteral("remote-llama")), -1);
    const auto gone = api::await(m_engine->getModel("remote-llama"));
    QVERIFY(!gone.ok());
    QCOMPARE(gone.error().status, 404);
}

void TestModelsPage::streamsChatAnswer()
{
    m_page->selectModel(kModel);
    QTRY_COMPARE(m_page->promptPanel()->modelId(), kModel);
    ui::PromptPanel *panel = m_page->promptPanel();
    panel->setMode(ui::PromptPanel::ChatMode);
    panel->findChild<QPlainTextEdit *>(QStringLiteral("systemPromptEdit"))->setPlainText(QStringLiteral("Be brief."));
    panel->findChild<QPlainTextEdit *>(QStringLiteral("promptEdit"))->setPlainText(QStringLiteral("Hello there"));
    panel->findChild<QSpinBox *>(QStringLiteral("maxTokensSpin"))->setValue(24);
    panel->findChild<QDoubleSpinBox *>(QStringLiteral("temperatureSpin"))->setValue(0.0); // greedy

    QSignalSpy pieces(panel->runner(), &ui::GenerationRunner::textReceived);
    QSignalSpy finished(panel->runner(), &ui::GenerationRunner::finished);
    QTest::mouseClick(button("runButton"), Qt::LeftButton);
    QVERIFY(panel->isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
    QCOMPARE(finished.first().first().value<ui::GenerationRunner::Outcome>(), ui::GenerationRunner::Outcome::Finished);

    // Streamed piece by piece, and the pieces are the whole answer the API gives for the same
    // request (greedy, so the same).
    QVERIFY2(pieces.count() > 1, qPrintable(QString::number(pieces.count())));
    api::ChatCompletionRequest same;
    same.model = kModel.toStdString();
    same.messages = {{"system", "Be brief.", std::nullopt}, {"user", "Hello there", std::nullopt}};
    same.sampling.max_tokens = 24;
    same.sampling.temperature = 0.0;
    same.sampling.top_p = 0.95;
    const auto whole = api::await(m_engine->chatCompletion(same, {}, {}));
    QVERIFY2(whole.ok(), whole.ok() ? "" : whole.error().toString().c_str());
    QCOMPARE(panel->outputText(), QString::fromStdString(whole->choices.front().message.content));
    QCOMPARE(panel->outputText().size(), 24); // one ASCII character per token, no end token
    QCOMPARE(panel->runner()->tokenCount(), qint64(24));
    QCOMPARE(panel->runner()->finishReason(), QStringLiteral("length"));
    QVERIFY2(panel->statusText().contains(QStringLiteral("24 tokens"))
                 && panel->statusText().contains(QStringLiteral("tokens/s")),
             qPrintable(panel->statusText()));
    QVERIFY(panel->errorText().isEmpty());
    QVERIFY(button("runButton")->isEnabled());
    QVERIFY(!button("stopButton")->isEnabled());
    saveScreenshot(QStringLiteral("chat"));
}

void TestModelsPage::runsCompletionWithCtrlEnter()
{
    ui::PromptPanel *panel = m_page->promptPanel();
    panel->setMode(ui::PromptPanel::CompletionMode);
    QVERIFY(!panel->findChild<QPlainTextEdit *>(QStringLiteral("systemPromptEdit"))->isVisible());
    auto *prompt = panel->findChild<QPlainTextEdit *>(QStringLiteral("promptEdit"));
    prompt->setPlainText(QStringLiteral("Once upon a time"));
    panel->findChild<QSpinBox *>(QStringLiteral("maxTokensSpin"))->setValue(16);
    panel->findChild<QSpinBox *>(QStringLiteral("seedSpin"))->setValue(42);
    panel->findChild<QDoubleSpinBox *>(QStringLiteral("temperatureSpin"))->setValue(0.8);

    QSignalSpy finished(panel->runner(), &ui::GenerationRunner::finished);
    m_page->activateWindow();
    prompt->setFocus();
    QTRY_VERIFY(prompt->hasFocus());
    QTest::keyClick(prompt, Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
    QCOMPARE(prompt->toPlainText(), QStringLiteral("Once upon a time")); // the key ran, it did not type
    QCOMPARE(panel->outputText().size(), 16);
    const QString first = panel->outputText();

    // Seeded sampling: the same seed gives the same text.
    QVERIFY(panel->run());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 30000);
    QCOMPARE(panel->outputText(), first);
    QVERIFY2(panel->statusText().contains(QStringLiteral("max tokens")), qPrintable(panel->statusText()));
}

void TestModelsPage::stopCancelsAndRunWaits()
{
    ui::PromptPanel *panel = m_page->promptPanel();
    panel->setMode(ui::PromptPanel::CompletionMode);
    panel->findChild<QPlainTextEdit *>(QStringLiteral("promptEdit"))->setPlainText(QStringLiteral("A long story:"));
    panel->findChild<QSpinBox *>(QStringLiteral("maxTokensSpin"))->setValue(400);

    QSignalSpy finished(panel->runner(), &ui::GenerationRunner::finished);
    m_api->closeGate(); // the generation holds after its first piece until the gate opens
    struct Opener
    {
        GatedApi *api;
        ~Opener() { api->open(); } // never leave the engine's thread waiting, even on failure
    } opener{m_api.get()};
    QTest::mouseClick(button("runButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!panel->outputText().isEmpty(), 30000);

    // Running: a second run is refused, by the button, the shortcut and the call.
    QVERIFY(panel->isRunning());
    QVERIFY(!button("runButton")->isEnabled());
    QVERIFY(!panel->findChild<QAction *>(QStringLiteral("runPromptAction"))->isEnabled());
    QVERIFY(!panel->run());
    QVERIFY(button("stopButton")->isEnabled());

    QTest::mouseClick(button("stopButton"), Qt::LeftButton);
    m_api->open();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
    QCOMPARE(finished.first().first().value<ui::GenerationRunner::Outcome>(), ui::GenerationRunner::Outcome::Stopped);
    QCOMPARE(panel->runner()->finishReason(), QStringLiteral("cancelled"));
    QVERIFY2(panel->runner()->tokenCount() < 400, qPrintable(QString::number(panel->runner()->tokenCount())));
    QVERIFY2(panel->statusText().contains(QStringLiteral("stopped")), qPrintable(panel->statusText()));
    QVERIFY(panel->errorText().isEmpty());
    QVERIFY(button("runButton")->isEnabled());
    saveScreenshot(QStringLiteral("stopped"));
}

void TestModelsPage::mainWindowListsModelsPage()
{
    const auto window = ui::createMainWindow(*m_api);
    auto *navigation = window->findChild<QListWidget *>(QStringLiteral("navigationList"));
    QVERIFY(navigation);
    QStringList titles;
    for (int i = 0; i < navigation->count(); ++i)
        titles << navigation->item(i)->text();
    QVERIFY2(titles.contains(QStringLiteral("Models")), qPrintable(titles.join(QLatin1Char(','))));
    navigation->setCurrentRow(int(titles.indexOf(QStringLiteral("Models"))));
    QVERIFY(qobject_cast<ui::ModelsPage *>(window->currentPage()));
}

void TestModelsPage::cleanupTestCase()
{
    if (m_api)
        m_api->open();
    m_page.reset(); // before the engine it talks to
    m_api.reset();
    m_engine.reset();
}

QTEST_MAIN(TestModelsPage)
#include "tst_models_page.moc"
