#pragma once

// The prompt box of the Models page: try the selected model by hand. Chat mode sends a system
// prompt and a user message (the backend applies the model's chat template); completion mode
// sends raw text. The answer streams into a read-only view with a live token count and tokens/s;
// Stop cancels it. One run at a time: Run is disabled while one is going.

#include "model_info.h"

#include "api/stack_api.h"

#include <QWidget>

#include <optional>

class QAction;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace wb::ui {

class GenerationRunner;

class PromptPanel : public QWidget
{
    Q_OBJECT
public:
    enum Mode { ChatMode, CompletionMode };

    PromptPanel(api::StackApi &api, QWidget *parent);

    //! The model runs go to; nullopt: none selected (Run disabled).
    void setModel(const std::optional<ModelInfo> &model);
    QString modelId() const;

    void setMode(Mode mode);
    Mode mode() const;

    //! Starts a run with the current fields (what Run and Ctrl+Enter do). False when it cannot
    //! start (no usable model, empty input, already running); the reason is shown inline.
    bool run();
    void stop();
    bool isRunning() const;

    GenerationRunner *runner() const { return m_runner; }
    QString outputText() const;
    QString statusText() const;
    QString errorText() const;

private:
    void createParameters(QWidget *box);
    void onModeChanged();
    void onFinished(int outcome, const QString &message);
    void updateStats();
    void updateButtons();
    void showInlineError(const QString &message);
    api::CompletionSampling sampling() const;

    GenerationRunner *m_runner;
    std::optional<ModelInfo> m_model;
    QLabel *m_modelLabel;
    QComboBox *m_mode;
    QLabel *m_systemLabel;
    QPlainTextEdit *m_system;
    QLabel *m_promptLabel;
    QPlainTextEdit *m_prompt;
    QSpinBox *m_maxTokens;
    QDoubleSpinBox *m_temperature;
    QDoubleSpinBox *m_topP;
    QSpinBox *m_topK;
    QSpinBox *m_seed;
    QAction *m_runAction;
    QPushButton *m_runButton;
    QPushButton *m_stopButton;
    QPlainTextEdit *m_output;
    QLabel *m_status;
    QLabel *m_error;
    QString m_state; //!< "running…", "stopped", "finished (length)": the last part of the status
};

} // namespace wb::ui
