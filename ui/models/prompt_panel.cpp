#include "prompt_panel.h"

#include "generation_runner.h"

#include "common/json_text.h"

#include <QAction>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QTextCursor>
#include <QVBoxLayout>

#include <limits>

namespace wb::ui {

PromptPanel::PromptPanel(api::StackApi &api, QWidget *parent)
    : QWidget(parent)
    , m_runner(new GenerationRunner(api, this))
    , m_modelLabel(new QLabel(this))
    , m_mode(new QComboBox(this))
    , m_systemLabel(new QLabel(tr("System prompt:"), this))
    , m_system(new QPlainTextEdit(this))
    , m_promptLabel(new QLabel(this))
    , m_prompt(new QPlainTextEdit(this))
    , m_runButton(new QPushButton(tr("Run"), this))
    , m_stopButton(new QPushButton(tr("Stop"), this))
    , m_output(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("promptPanel"));
    m_runner->setObjectName(QStringLiteral("generationRunner"));
    m_modelLabel->setObjectName(QStringLiteral("promptModelLabel"));
    m_mode->setObjectName(QStringLiteral("promptModeCombo"));
    m_mode->addItem(tr("Chat"), ChatMode);
    m_mode->addItem(tr("Completion (raw text)"), CompletionMode);
    m_mode->setToolTip(tr("Chat applies the model's chat template to the messages; completion "
                          "continues the text as it is."));
    m_system->setObjectName(QStringLiteral("systemPromptEdit"));
    m_system->setPlaceholderText(tr("optional, e.g. You are a concise assistant."));
    m_system->setMaximumHeight(70);
    m_prompt->setObjectName(QStringLiteral("promptEdit"));

    m_output->setObjectName(QStringLiteral("promptOutput"));
    m_output->setReadOnly(true);
    m_output->setPlaceholderText(tr("The answer appears here as it is generated."));
    m_status->setObjectName(QStringLiteral("promptStatusLabel"));
    m_error->setObjectName(QStringLiteral("promptErrorLabel"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_error->hide();

    // Ctrl+Enter from anywhere in the panel, the prompt editors included.
    m_runAction = new QAction(tr("Run"), this);
    m_runAction->setObjectName(QStringLiteral("runPromptAction"));
    m_runAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_runAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_runAction, &QAction::triggered, this, &PromptPanel::run);
    addAction(m_runAction);
    m_runButton->setObjectName(QStringLiteral("runButton"));
    m_runButton->setToolTip(tr("Run (Ctrl+Enter)"));
    connect(m_runButton, &QPushButton::clicked, m_runAction, &QAction::trigger);
    m_stopButton->setObjectName(QStringLiteral("stopButton"));
    connect(m_stopButton, &QPushButton::clicked, this, &PromptPanel::stop);

    auto *inputs = new QWidget(this);
    auto *inputLayout = new QVBoxLayout(inputs);
    inputLayout->setContentsMargins(0, 0, 0, 0);
    auto *modeRow = new QHBoxLayout;
    modeRow->addWidget(m_modelLabel, 1);
    modeRow->addWidget(m_mode);
    inputLayout->addLayout(modeRow);
    inputLayout->addWidget(m_systemLabel);
    inputLayout->addWidget(m_system);
    inputLayout->addWidget(m_promptLabel);
    inputLayout->addWidget(m_prompt, 1);
    auto *parameters = new QWidget(inputs);
    createParameters(parameters);
    inputLayout->addWidget(parameters);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_runButton);
    buttons->addWidget(m_stopButton);
    inputLayout->addLayout(buttons);

    auto *outputs = new QWidget(this);
    auto *outputLayout = new QVBoxLayout(outputs);
    outputLayout->setContentsMargins(0, 0, 0, 0);
    outputLayout->addWidget(m_output, 1);
    outputLayout->addWidget(m_error);
    outputLayout->addWidget(m_status);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(inputs);
    splitter->addWidget(outputs);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_mode, &QComboBox::currentIndexChanged, this, &PromptPanel::onModeChanged);
    connect(m_runner, &GenerationRunner::textReceived, this, [this](const QString &piece) {
        // Append at the end without disturbing a selection the user is making elsewhere.
        QScrollBar *bar = m_output->verticalScrollBar();
        const bool atEnd = bar->value() == bar->maximum();
        QTextCursor cursor(m_output->document());
        cursor.movePosition(QTextCursor::End);
        cursor.insertText(piece);
        if (atEnd)
            bar->setValue(bar->maximum());
    });
    connect(m_runner, &GenerationRunner::progress, this, &PromptPanel::updateStats);
    connect(m_runner, &GenerationRunner::finished, this,
            [this](GenerationRunner::Outcome outcome, const QString &message) { onFinished(int(outcome), message); });

    onModeChanged();
    setModel(std::nullopt);
}

void PromptPanel::createParameters(QWidget *box)
{
    m_maxTokens = new QSpinBox(box);
    m_maxTokens->setObjectName(QStringLiteral("maxTokensSpin"));
    m_maxTokens->setRange(1, 131072);
    m_maxTokens->setValue(256);
    m_maxTokens->setToolTip(tr("The most tokens to generate (the model's context also limits it)."));

    m_temperature = new QDoubleSpinBox(box);
    m_temperature->setObjectName(QStringLiteral("temperatureSpin"));
    m_temperature->setRange(0.0, 2.0);
    m_temperature->setSingleStep(0.05);
    m_temperature->setDecimals(2);
    m_temperature->setValue(0.7);
    m_temperature->setToolTip(tr("0 picks the most likely token every time (greedy)."));

    m_topP = new QDoubleSpinBox(box);
    m_topP->setObjectName(QStringLiteral("topPSpin"));
    m_topP->setRange(0.01, 1.0);
    m_topP->setSingleStep(0.05);
    m_topP->setDecimals(2);
    m_topP->setValue(0.95);
    m_topP->setToolTip(tr("Sample from the smallest set of tokens whose probabilities add up to this."));

    m_topK = new QSpinBox(box);
    m_topK->setObjectName(QStringLiteral("topKSpin"));
    m_topK->setRange(0, 100000);
    m_topK->setValue(0);
    m_topK->setSpecialValueText(tr("off"));
    m_topK->setToolTip(tr("Sample from the k most likely tokens only; off: all of them."));

    m_seed = new QSpinBox(box);
    m_seed->setObjectName(QStringLiteral("seedSpin"));
    m_seed->setRange(-1, std::numeric_limits<int>::max());
    m_seed->setValue(-1);
    m_seed->setSpecialValueText(tr("random"));
    m_seed->setToolTip(tr("The same seed, prompt and settings give the same answer."));

    auto *grid = new QGridLayout(box);
    grid->setContentsMargins(0, 0, 0, 0);
    const std::pair<QString, QWidget *> fields[] = {
        {tr("Max tokens:"), m_maxTokens}, {tr("Temperature:"), m_temperature}, {tr("Top-p:"), m_topP},
        {tr("Top-k:"), m_topK},           {tr("Seed:"), m_seed},
    };
    int i = 0;
    for (const auto &[label, widget] : fields) {
        auto *l = new QLabel(label, box);
        l->setBuddy(widget);
        grid->addWidget(l, i / 3, (i % 3) * 2);
        grid->addWidget(widget, i / 3, (i % 3) * 2 + 1);
        ++i;
    }
}

void PromptPanel::setModel(const std::optional<ModelInfo> &model)
{
    // A message about the previous model (or its run) does not apply to another one.
    if (model.has_value() != m_model.has_value() || (model && model->id != m_model->id))
        m_error->hide();
    m_model = model;
    if (!model)
        m_modelLabel->setText(tr("Select a model in the list to try it."));
    else
        m_modelLabel->setText(tr("Model: <b>%1</b>").arg(model->id.toHtmlEscaped()));
    updateButtons();
}

QString PromptPanel::modelId() const
{
    return m_model ? m_model->id : QString();
}

void PromptPanel::setMode(Mode mode)
{
    m_mode->setCurrentIndex(m_mode->findData(mode));
}

PromptPanel::Mode PromptPanel::mode() const
{
    return Mode(m_mode->currentData().toInt());
}

void PromptPanel::onModeChanged()
{
    const bool chat = mode() == ChatMode;
    m_systemLabel->setVisible(chat);
    m_system->setVisible(chat);
    m_promptLabel->setText(chat ? tr("User message:") : tr("Prompt (raw text):"));
    m_prompt->setPlaceholderText(chat ? tr("Ask something… (Ctrl+Enter runs)")
                                      : tr("Text for the model to continue… (Ctrl+Enter runs)"));
}

api::CompletionSampling PromptPanel::sampling() const
{
    api::CompletionSampling s;
    s.max_tokens = m_maxTokens->value();
    s.temperature = m_temperature->value();
    s.top_p = m_topP->value();
    if (m_topK->value() > 0)
        s.top_k = m_topK->value();
    if (m_seed->value() >= 0)
        s.seed = m_seed->value();
    return s;
}

bool PromptPanel::run()
{
    if (m_runner->isRunning())
        return false;
    if (!m_model) {
        showInlineError(tr("Select a model in the list first."));
        return false;
    }
    if (!m_model->canGenerate()) {
        showInlineError(m_model->error.isEmpty()
                            ? tr("The model %1 is not a language model (type %2).").arg(m_model->id, m_model->modelType)
                            : tr("The model %1 cannot be used: %2").arg(m_model->id, m_model->error));
        return false;
    }
    const QString text = m_prompt->toPlainText();
    if (text.trimmed().isEmpty()) {
        showInlineError(mode() == ChatMode ? tr("Enter a message.") : tr("Enter a prompt."));
        return false;
    }
    m_error->hide();
    m_output->clear();
    m_state = tr("running…");
    bool started = false;
    if (mode() == ChatMode) {
        api::ChatCompletionRequest request;
        request.model = toStdString(m_model->id);
        const QString system = m_system->toPlainText();
        if (!system.trimmed().isEmpty())
            request.messages.push_back({"system", toStdString(system), std::nullopt});
        request.messages.push_back({"user", toStdString(text), std::nullopt});
        request.sampling = sampling();
        started = m_runner->startChat(std::move(request));
    } else {
        api::CompletionRequest request;
        request.model = toStdString(m_model->id);
        request.prompts = {toStdString(text)};
        request.sampling = sampling();
        started = m_runner->startCompletion(std::move(request));
    }
    updateButtons();
    updateStats();
    return started;
}

void PromptPanel::stop()
{
    if (!m_runner->isRunning())
        return;
    m_state = tr("stopping…");
    m_runner->stop();
    updateStats();
    m_stopButton->setEnabled(false);
}

bool PromptPanel::isRunning() const
{
    return m_runner->isRunning();
}

void PromptPanel::onFinished(int outcome, const QString &message)
{
    switch (GenerationRunner::Outcome(outcome)) {
    case GenerationRunner::Outcome::Finished: {
        const QString reason = m_runner->finishReason();
        if (reason == QLatin1String("length"))
            m_state = tr("finished (max tokens reached)");
        else
            m_state = tr("finished");
        break;
    }
    case GenerationRunner::Outcome::Stopped:
        m_state = tr("stopped");
        break;
    case GenerationRunner::Outcome::Failed:
        m_state = tr("failed");
        showInlineError(message);
        break;
    }
    updateStats();
    updateButtons();
}

void PromptPanel::updateStats()
{
    const QLocale locale;
    const qint64 tokens = m_runner->tokenCount();
    QString text = tokens == 1 ? tr("1 token") : tr("%1 tokens").arg(locale.toString(tokens));
    if (m_runner->tokenCount() > 0)
        text += QStringLiteral(" \u00B7 ") + tr("%1 tokens/s").arg(locale.toString(m_runner->tokensPerSecond(), 'f', 1));
    if (m_runner->elapsedMs() > 0)
        text += QStringLiteral(" \u00B7 ") + tr("%1 s").arg(locale.toString(m_runner->elapsedMs() / 1000.0, 'f', 1));
    if (!m_state.isEmpty())
        text += QStringLiteral(" \u00B7 ") + m_state;
    m_status->setText(text);
}

void PromptPanel::updateButtons()
{
    const bool running = m_runner->isRunning();
    const bool usable = m_model && m_model->canGenerate();
    m_runAction->setEnabled(!running && usable);
    m_runButton->setEnabled(!running && usable);
    m_stopButton->setEnabled(running);
    if (!m_model)
        m_runButton->setToolTip(tr("Select a model in the list first."));
    else if (!usable)
        m_runButton->setToolTip(m_model->error.isEmpty() ? tr("Only language models (llm) can run here.")
                                                         : m_model->error);
    else
        m_runButton->setToolTip(tr("Run (Ctrl+Enter)"));
}

void PromptPanel::showInlineError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
}

QString PromptPanel::outputText() const
{
    return m_output->toPlainText();
}

QString PromptPanel::statusText() const
{
    return m_status->text();
}

QString PromptPanel::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

} // namespace wb::ui
