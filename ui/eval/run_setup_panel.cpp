#include "run_setup_panel.h"

#include "benchmark_params.h"
#include "model_picker.h"
#include "scoring_params_editor.h"

#include "common/json_text.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace wb::ui {

std::vector<std::string> stopStrings(const QString &text)
{
    std::vector<std::string> out;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (line.isEmpty())
            continue;
        QString unescaped;
        for (int i = 0; i < line.size(); ++i) {
            const QChar c = line.at(i);
            if (c == QLatin1Char('\\') && i + 1 < line.size()) {
                const QChar n = line.at(i + 1);
                if (n == QLatin1Char('n') || n == QLatin1Char('t') || n == QLatin1Char('\\')) {
                    unescaped += n == QLatin1Char('n') ? QChar('\n') : n == QLatin1Char('t') ? QChar('\t') : n;
                    ++i;
                    continue;
                }
            }
            unescaped += c;
        }
        out.push_back(unescaped.toStdString());
    }
    return out;
}

RunSetupPanel::RunSetupPanel(api::StackApi &api, QWidget *parent)
    : QWidget(parent)
    , m_api(api)
    , m_model(new ModelPicker(api, this))
    , m_strategy(new QComboBox(this))
    , m_temperature(new QDoubleSpinBox(this))
    , m_topP(new QDoubleSpinBox(this))
    , m_topK(new QSpinBox(this))
    , m_maxTokens(new QSpinBox(this))
    , m_repetition(new QDoubleSpinBox(this))
    , m_stop(new QPlainTextEdit(this))
    , m_system(new QPlainTextEdit(this))
    , m_examples(new QSpinBox(this))
    , m_override(new QGroupBox(tr("Override scoring parameters for this run"), this))
    , m_overrideTabs(new QTabWidget(m_override))
    , m_paramsNote(new QLabel(this))
{
    setObjectName(QStringLiteral("runSetupPanel"));
    m_model->setObjectName(QStringLiteral("candidateModelPicker"));
    m_model->setHint(tr("The model that answers the benchmark's questions")); // setToolTip would be cleared by the load

    m_strategy->setObjectName(QStringLiteral("strategyCombo"));
    m_strategy->addItem(tr("greedy"), QStringLiteral("greedy"));
    m_strategy->addItem(tr("top-p (nucleus)"), QStringLiteral("top_p"));
    m_strategy->addItem(tr("top-k"), QStringLiteral("top_k"));
    connect(m_strategy, &QComboBox::currentIndexChanged, this, &RunSetupPanel::onStrategyChanged);

    m_temperature->setObjectName(QStringLiteral("temperatureSpin"));
    m_temperature->setRange(0.01, 2.0);
    m_temperature->setSingleStep(0.05);
    m_temperature->setValue(0.7);
    m_topP->setObjectName(QStringLiteral("topPSpin"));
    m_topP->setRange(0.01, 1.0);
    m_topP->setSingleStep(0.05);
    m_topP->setValue(0.95);
    m_topK->setObjectName(QStringLiteral("topKSpin"));
    m_topK->setRange(1, 10000);
    m_topK->setValue(40);
    m_maxTokens->setObjectName(QStringLiteral("maxTokensSpin"));
    m_maxTokens->setRange(0, 131072);
    m_maxTokens->setSpecialValueText(tr("model default"));
    m_maxTokens->setValue(256);
    m_repetition->setObjectName(QStringLiteral("repetitionPenaltySpin"));
    m_repetition->setRange(0.5, 2.0);
    m_repetition->setSingleStep(0.05);
    m_repetition->setValue(1.0);
    m_stop->setObjectName(QStringLiteral("stopEdit"));
    m_stop->setPlaceholderText(tr("optional; one per line, \\n for a newline"));
    m_stop->setMaximumHeight(52);
    m_system->setObjectName(QStringLiteral("systemMessageEdit"));
    m_system->setPlaceholderText(tr("optional system message"));
    m_system->setMaximumHeight(60);
    m_examples->setObjectName(QStringLiteral("examplesSpin"));
    m_examples->setRange(0, 1000000000);
    m_examples->setSpecialValueText(tr("all rows"));
    m_examples->setToolTip(tr("Evaluate the first N rows of the dataset; \"all rows\" evaluates every row"));

    m_override->setObjectName(QStringLiteral("overrideParamsBox"));
    m_override->setCheckable(true);
    m_override->setChecked(false);
    m_overrideTabs->setObjectName(QStringLiteral("overrideTabs"));
    auto *overrideLayout = new QVBoxLayout(m_override);
    overrideLayout->addWidget(m_overrideTabs);
    m_overrideTabs->setVisible(false);
    connect(m_override, &QGroupBox::toggled, m_overrideTabs, &QWidget::setVisible);
    m_paramsNote->setObjectName(QStringLiteral("paramsNoteLabel"));
    m_paramsNote->setWordWrap(true);
    m_paramsNote->hide();

    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Candidate model:"), m_model);
    form->addRow(tr("Strategy:"), m_strategy);
    form->addRow(tr("Temperature:"), m_temperature);
    form->addRow(tr("Top-p:"), m_topP);
    form->addRow(tr("Top-k:"), m_topK);
    form->addRow(tr("Max tokens:"), m_maxTokens);
    form->addRow(tr("Repetition penalty:"), m_repetition);
    form->addRow(tr("Stop strings:"), m_stop);
    form->addRow(tr("System message:"), m_system);
    form->addRow(tr("Examples:"), m_examples);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_paramsNote);
    layout->addWidget(m_override);
    layout->addStretch();
    onStrategyChanged();
    setBenchmark(nullptr, {});
}

void RunSetupPanel::refreshModels()
{
    m_model->refresh();
}

void RunSetupPanel::onStrategyChanged()
{
    const QString s = m_strategy->currentData().toString();
    // Only what the strategy uses can be edited (greedy has no temperature in the API's schema).
    m_temperature->setEnabled(s == QLatin1String("top_p"));
    m_topP->setEnabled(s == QLatin1String("top_p"));
    m_topK->setEnabled(s == QLatin1String("top_k"));
}

void RunSetupPanel::setStrategy(const QString &strategy)
{
    const int i = m_strategy->findData(strategy);
    if (i >= 0)
        m_strategy->setCurrentIndex(i);
}

void RunSetupPanel::setNumExamples(int n)
{
    m_examples->setValue(n);
}

void RunSetupPanel::setMaxTokens(int n)
{
    m_maxTokens->setValue(n);
}

void RunSetupPanel::setOverrideParams(bool on)
{
    m_override->setChecked(on);
}

ScoringParamsEditor *RunSetupPanel::overrideEditor(const QString &fnId) const
{
    const auto it = m_editors.find(fnId);
    return it == m_editors.end() ? nullptr : it->second;
}

void RunSetupPanel::setBenchmark(const api::Benchmark *benchmark, const std::vector<api::ScoringFn> &functions)
{
    m_overrideTabs->clear();
    for (auto &[id, editor] : m_editors)
        editor->deleteLater();
    m_editors.clear();
    m_benchmarkParams = {};
    m_paramsNote->hide();
    m_benchmarkId = benchmark ? toQString(benchmark->identifier) : QString();
    setEnabled(benchmark != nullptr);
    if (!benchmark)
        return;

    const BenchmarkParams own = benchmarkScoringParams(*benchmark);
    m_benchmarkParams = own.params;
    QStringList notes;
    if (!own.params.empty()) {
        QStringList fns;
        for (const auto &[fn, params] : own.params.entries)
            fns << toQString(fn);
        notes << tr("The benchmark sets its own parameters for %1.").arg(fns.join(QStringLiteral(", ")));
    }
    if (!own.error.isEmpty())
        notes << tr("Some of the benchmark's parameters cannot be read: %1").arg(own.error);

    for (const std::string &fnId : benchmark->scoring_functions) {
        const api::ScoringFn *def = nullptr;
        for (const api::ScoringFn &f : functions)
            if (f.identifier == fnId)
                def = &f;
        auto *editor = new ScoringParamsEditor(m_api, m_overrideTabs);
        editor->setObjectName(QStringLiteral("overrideEditor:") + toQString(fnId));
        editor->setDefaults(def ? def->params : std::nullopt);
        if (const api::ScoringFnParams *p = m_benchmarkParams.find(fnId))
            editor->setParams(*p);
        if (!def)
            notes << tr("The scoring function %1 is not listed; its defaults are unknown here.").arg(toQString(fnId));
        m_overrideTabs->addTab(editor, toQString(fnId));
        m_editors[toQString(fnId)] = editor;
    }
    m_paramsNote->setText(notes.join(QLatin1Char('\n')));
    m_paramsNote->setVisible(!notes.isEmpty());
}

std::variant<api::RunEvalRequest, QString> RunSetupPanel::buildRequest() const
{
    if (m_benchmarkId.isEmpty())
        return tr("Select a benchmark.");
    api::RunEvalRequest request;
    api::BenchmarkConfig &config = request.benchmark_config;
    api::ModelCandidate &candidate = config.eval_candidate;
    candidate.model = toStdString(m_model->modelId());
    if (candidate.model.empty())
        return m_model->loadError().isEmpty() ? tr("Choose a candidate model.") : m_model->loadError();

    const QString strategy = m_strategy->currentData().toString();
    if (strategy == QLatin1String("top_p"))
        candidate.sampling_params.strategy = api::TopPSamplingStrategy{m_temperature->value(), m_topP->value()};
    else if (strategy == QLatin1String("top_k"))
        candidate.sampling_params.strategy = api::TopKSamplingStrategy{m_topK->value()};
    else
        candidate.sampling_params.strategy = api::GreedySamplingStrategy{};
    if (m_maxTokens->value() > 0)
        candidate.sampling_params.max_tokens = m_maxTokens->value();
    candidate.sampling_params.repetition_penalty = m_repetition->value();
    const std::vector<std::string> stop = stopStrings(m_stop->toPlainText());
    if (!stop.empty())
        candidate.sampling_params.stop = stop;
    const QString system = m_system->toPlainText().trimmed();
    if (!system.isEmpty())
        candidate.system_message = api::SystemMessage{api::InterleavedContent(toStdString(system))};
    if (m_examples->value() > 0)
        config.num_examples = m_examples->value();

    // The benchmark's own params always go with the run; an override replaces them for this run.
    config.scoring_params = m_benchmarkParams;
    if (m_override->isChecked()) {
        for (const auto &[fnId, editor] : m_editors) {
            auto params = editor->params();
            if (const auto *problem = std::get_if<QString>(&params))
                return tr("%1: %2").arg(fnId, *problem);
            config.scoring_params[toStdString(fnId)] = std::get<api::ScoringFnParams>(std::move(params));
        }
    }
    return request;
}

} // namespace wb::ui
