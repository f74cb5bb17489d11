#include "training_form.h"

#include "training_pickers.h"
#include "training_request_check.h"

#include "common/json_text.h"
#include "eval/model_picker.h"

#include "api/json_io.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <cmath>

namespace wb::ui {

namespace {
using namespace training_limits;

QSpinBox *spin(QWidget *parent, const QString &name, int lo, int hi, int value)
{
    auto *s = new QSpinBox(parent);
    s->setObjectName(name);
    s->setRange(lo, hi);
    s->setValue(value);
    s->setAccelerated(true);
    return s;
}

QCheckBox *check(QWidget *parent, const QString &name, const QString &text, const QString &tip)
{
    auto *c = new QCheckBox(text, parent);
    c->setObjectName(name);
    c->setToolTip(tip);
    return c;
}

//! Numbers as people write them for learning rates: "1e-4", "0.0003", never localized.
QString numberText(double v)
{
    return QString::number(v, 'g', 12);
}

std::optional<double> parseNumber(const QString &text)
{
    bool ok = false;
    const double v = text.trimmed().toDouble(&ok); // C locale: "1e-4" and "0.5"
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return v;
}

template<typename E>
void addEnumItems(QComboBox *combo, std::initializer_list<std::pair<E, QString>> items)
{
    for (const auto &[value, label] : items)
        combo->addItem(label, QString::fromLatin1(api::enumName(value)));
}

template<typename E>
E comboEnum(const QComboBox *combo)
{
    const std::string name = combo->currentData().toString().toStdString();
    for (const auto &[value, n] : api::EnumNames<E>::table)
        if (name == n)
            return value;
    return api::EnumNames<E>::table[0].first;
}

template<typename E>
void setComboEnum(QComboBox *combo, E value)
{
    combo->setCurrentIndex(std::max(0, combo->findData(QString::fromLatin1(api::enumName(value)))));
}
} // namespace

TrainingForm::TrainingForm(api::StackApi &api, QWidget *parent)
    : QWidget(parent)
    , m_api(api)
{
    setObjectName(QStringLiteral("trainingForm"));
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("formProblemLabel"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_problem->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(createJobGroup());
    layout->addWidget(createMethodGroup());
    layout->addWidget(createDpoGroup());
    layout->addWidget(createDataGroup());
    layout->addWidget(createScheduleGroup());
    layout->addWidget(createOptimizerGroup());
    layout->addWidget(createAdvancedGroup());
    layout->addWidget(m_problem);
    layout->addStretch(1);

    // Combos as wide as the column, not as their longest entry, so the form stays narrow.
    for (QComboBox *combo : findChildren<QComboBox *>()) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(12);
    }
    newJobId();
    updateVisibility();
    revalidate();
}

QWidget *TrainingForm::createJobGroup()
{
    auto *group = new QGroupBox(tr("Job"), this);
    m_kind = new QComboBox(group);
    m_kind->setObjectName(QStringLiteral("kindCombo"));
    m_kind->addItem(tr("Supervised fine-tuning (SFT)"));
    m_kind->addItem(tr("Preference optimization (DPO)"));
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        // A prefilled id follows the kind; one the user typed stays.
        if (m_jobId->text().startsWith(QLatin1String("sft-")) || m_jobId->text().startsWith(QLatin1String("dpo-")))
            newJobId();
        updateVisibility();
    });
    watch(m_kind);

    m_jobId = new QLineEdit(group);
    m_jobId->setObjectName(QStringLiteral("jobIdEdit"));
    m_jobId->setToolTip(tr("The job's id (job_uuid); it must not be used by another job"));
    watch(m_jobId);
    auto *newId = new QPushButton(tr("New"), group);
    newId->setObjectName(QStringLiteral("newJobIdButton"));
    newId->setToolTip(tr("Make a new unique job id"));
    connect(newId, &QPushButton::clicked, this, &TrainingForm::newJobId);
    auto *idRow = new QHBoxLayout;
    idRow->setContentsMargins(0, 0, 0, 0);
    idRow->addWidget(m_jobId, 1);
    idRow->addWidget(newId);

    // Local models only: endpoints of other providers cannot be fine-tuned here.
    m_model = new ModelPicker(m_api, group, ModelPicker::Scope::LocalOnly);
    m_model->setObjectName(QStringLiteral("trainingModelPicker"));
    m_model->setMinimumContentsLength(12);
    m_model->lineEdit()->setPlaceholderText(tr("local model id"));
    m_model->setHint(tr("A local model to start from; fine-tuned checkpoints are registered as new models"));
    watch(m_model);

    m_checkpointDir = new QLineEdit(group);
    m_checkpointDir->setObjectName(QStringLiteral("checkpointDirEdit"));
    m_checkpointDir->setPlaceholderText(tr("default: the engine's checkpoints folder"));
    m_checkpointDir->setToolTip(tr("Where the checkpoints are written (checkpoint_dir); empty for the default"));
    watch(m_checkpointDir);
    auto *browse = new QPushButton(tr("Browse…"), group);
    browse->setObjectName(QStringLiteral("browseCheckpointDirButton"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Checkpoint folder"), m_checkpointDir->text());
        if (!dir.isEmpty())
            m_checkpointDir->setText(dir);
    });
    m_checkpointRow = new QWidget(group);
    auto *dirRow = new QHBoxLayout(m_checkpointRow);
    dirRow->setContentsMargins(0, 0, 0, 0);
    dirRow->addWidget(m_checkpointDir, 1);
    dirRow->addWidget(browse);

    auto *form = new QFormLayout(group);
    form->addRow(tr("Kind"), m_kind);
    form->addRow(tr("Job id"), idRow);
    form->addRow(tr("Model"), m_model);
    form->addRow(tr("Checkpoint folder"), m_checkpointRow);
    return group;
}

QWidget *TrainingForm::createMethodGroup()
{
    m_methodGroup = new QGroupBox(tr("Method"), this);
    m_method = new QComboBox(m_methodGroup);
    m_method->setObjectName(QStringLiteral("methodCombo"));
    m_method->addItem(tr("Full fine-tuning"));
    m_method->addItem(tr("LoRA (low-rank adapters)"));
    m_method->addItem(tr("QAT (quantization-aware training)"));
    m_method->setCurrentIndex(1);
    watch(m_method);

    m_methodPages = new QStackedWidget(m_methodGroup);
    auto *full = new QLabel(tr("Every weight of the model is trained."), m_methodPages);
    full->setWordWrap(true);
    m_methodPages->addWidget(full);

    auto *lora = new QWidget(m_methodPages);
    m_rank = spin(lora, QStringLiteral("loraRankSpin"), 1, kMaxRank, 8);
    m_rank->setToolTip(tr("Rank r of the adapters"));
    m_alpha = spin(lora, QStringLiteral("loraAlphaSpin"), 1, kMaxAlpha, 16);
    m_alpha->setToolTip(tr("Scale: the adapters' update is multiplied by alpha / rank"));
    m_qProj = check(lora, QStringLiteral("qProjCheck"), QStringLiteral("q_proj"), tr("Query projection"));
    m_kProj = check(lora, QStringLiteral("kProjCheck"), QStringLiteral("k_proj"), tr("Key projection"));
    m_vProj = check(lora, QStringLiteral("vProjCheck"), QStringLiteral("v_proj"), tr("Value projection"));
    m_oProj = check(lora, QStringLiteral("oProjCheck"), QStringLiteral("o_proj"), tr("Output projection of attention"));
    m_qProj->setChecked(true);
    m_vProj->setChecked(true);
    m_mlp = check(lora, QStringLiteral("loraMlpCheck"), tr("MLP"), tr("Adapters on the MLP (gate, up, down)"));
    m_output = check(lora, QStringLiteral("loraOutputCheck"), tr("Output layer"), tr("An adapter on the LM head"));
    m_dora = check(lora, QStringLiteral("doraCheck"), tr("DoRA"), tr("Weight-decomposed adapters (use_dora)"));
    m_quantizeBase = check(lora, QStringLiteral("quantizeBaseCheck"), tr("Quantize base"),
                           tr("Keep the frozen base weights in int8 (weight-only) to save memory"));
    auto *modules = new QHBoxLayout;
    for (QCheckBox *c : {m_qProj, m_kProj, m_vProj, m_oProj})
        modules->addWidget(c);
    modules->addStretch(1);
    auto *extra = new QGridLayout; // two by two: one row of four makes the form too wide
    extra->addWidget(m_mlp, 0, 0);
    extra->addWidget(m_output, 0, 1);
    extra->addWidget(m_dora, 1, 0);
    extra->addWidget(m_quantizeBase, 1, 1);
    auto *loraForm = new QFormLayout(lora);
    loraForm->setContentsMargins(0, 0, 0, 0);
    loraForm->addRow(tr("Rank"), m_rank);
    loraForm->addRow(tr("Alpha"), m_alpha);
    loraForm->addRow(tr("Attention"), modules);
    loraForm->addRow(tr("Also"), extra);
    m_methodPages->addWidget(lora);

    auto *qat = new QWidget(m_methodPages);
    m_quantizer = new QComboBox(qat);
    m_quantizer->setObjectName(QStringLiteral("quantizerCombo"));
    m_quantizer->setEditable(true);
    m_quantizer->addItems({QStringLiteral("Int8DynActInt4WeightQATQuantizer"),
                           QStringLiteral("Int4WeightOnlyQATQuantizer"), QStringLiteral("int8da_int4w"),
                           QStringLiteral("int4w")});
    m_quantizer->setToolTip(tr("int8 dynamic activations + int4 grouped weights, or int4 weights only"));
    m_groupSize = spin(qat, QStringLiteral("groupSizeSpin"), 1, kMaxGroupSize, 32);
    m_groupSize->setToolTip(tr("Weights share one scale per group of this many inputs; it must divide the "
                               "layers' input size"));
    auto *qatForm = new QFormLayout(qat);
    qatForm->setContentsMargins(0, 0, 0, 0);
    qatForm->addRow(tr("Quantizer"), m_quantizer);
    qatForm->addRow(tr("Group size"), m_groupSize);
    m_methodPages->addWidget(qat);
    connect(m_method, &QComboBox::currentIndexChanged, m_methodPages, &QStackedWidget::setCurrentIndex);
    m_methodPages->setCurrentIndex(m_method->currentIndex());

    for (QWidget *w : std::initializer_list<QWidget *>{m_rank, m_alpha, m_qProj, m_kProj, m_vProj, m_oProj, m_mlp,
                                                       m_output, m_dora, m_quantizeBase, m_quantizer, m_groupSize})
        watch(w);
    auto *form = new QFormLayout(m_methodGroup);
    form->addRow(tr("Algorithm"), m_method);
    form->addRow(m_methodPages);
    return m_methodGroup;
}

QWidget *TrainingForm::createDpoGroup()
{
    m_dpoGroup = new QGroupBox(tr("Preference optimization"), this);
    m_beta = new QLineEdit(QStringLiteral("0.1"), m_dpoGroup);
    m_beta->setObjectName(QStringLiteral("betaEdit"));
    m_beta->setToolTip(tr("How far the model may move from the reference model (larger: less)"));
    m_lossType = new QComboBox(m_dpoGroup);
    m_lossType->setObjectName(QStringLiteral("lossTypeCombo"));
    addEnumItems<api::DPOLossType>(m_lossType, {{api::DPOLossType::Sigmoid, tr("sigmoid (DPO)")},
                                                {api::DPOLossType::Hinge, tr("hinge (SLiC)")},
                                                {api::DPOLossType::Ipo, tr("IPO")},
                                                {api::DPOLossType::KtoPair, tr("KTO pair")}});
    watch(m_beta);
    watch(m_lossType);
    auto *note = new QLabel(tr("Rows need prompt, chosen and rejected; the model is trained against a frozen copy "
                               "of itself."),
                            m_dpoGroup);
    note->setWordWrap(true);
    auto *form = new QFormLayout(m_dpoGroup);
    form->addRow(tr("Beta"), m_beta);
    form->addRow(tr("Loss"), m_lossType);
    form->addRow(note);
    return m_dpoGroup;
}

QWidget *TrainingForm::createDataGroup()
{
    auto *group = new QGroupBox(tr("Data"), this);
    m_dataset = new DatasetPicker(m_api, false, group);
    m_dataset->setObjectName(QStringLiteral("trainDatasetPicker"));
    m_validation = new DatasetPicker(m_api, true, group);
    m_validation->setObjectName(QStringLiteral("validationDatasetPicker"));
    m_format = new QComboBox(group);
    m_format->setObjectName(QStringLiteral("dataFormatCombo"));
    addEnumItems<api::DatasetFormat>(m_format, {{api::DatasetFormat::Instruct, tr("instruct (question → answer)")},
                                                {api::DatasetFormat::Dialog, tr("dialog (messages)")}});
    m_batchSize = spin(group, QStringLiteral("batchSizeSpin"), 1, kMaxBatchSize, 1);
    m_shuffle = check(group, QStringLiteral("shuffleCheck"), tr("Shuffle"), tr("Shuffle the rows every epoch"));
    m_shuffle->setChecked(true);
    m_packed = check(group, QStringLiteral("packedCheck"), tr("Packed"),
                     tr("Pack several short examples into one sequence"));
    m_trainOnInput = check(group, QStringLiteral("trainOnInputCheck"), tr("Train on input"),
                           tr("Also learn the prompt tokens, not only the answer"));
    auto *options = new QHBoxLayout;
    options->addWidget(m_shuffle);
    options->addWidget(m_packed);
    options->addWidget(m_trainOnInput);
    options->addStretch(1);
    for (QWidget *w : std::initializer_list<QWidget *>{m_dataset, m_validation, m_format, m_batchSize, m_shuffle,
                                                       m_packed, m_trainOnInput})
        watch(w);
    auto *form = new QFormLayout(group);
    form->addRow(tr("Dataset"), m_dataset);
    form->addRow(tr("Validation dataset"), m_validation);
    form->addRow(tr("Format"), m_format);
    form->addRow(tr("Batch size"), m_batchSize);
    form->addRow(options);
    return group;
}

QWidget *TrainingForm::createScheduleGroup()
{
    auto *group = new QGroupBox(tr("Schedule"), this);
    m_epochs = spin(group, QStringLiteral("epochsSpin"), 1, kMaxEpochs, 1);
    m_stepsPerEpoch = spin(group, QStringLiteral("maxStepsSpin"), 1, kMaxStepsPerEpoch, 100);
    m_stepsPerEpoch->setToolTip(tr("At most this many optimizer steps per epoch"));
    m_accumulation = spin(group, QStringLiteral("accumulationSpin"), 1, kMaxAccumulation, 1);
    m_accumulation->setToolTip(tr("Batches whose gradients are summed before one optimizer step"));
    m_validationSteps = spin(group, QStringLiteral("validationStepsSpin"), 0, kMaxValidationSteps, 10);
    m_validationSteps->setToolTip(tr("Validation batches at the end of each epoch"));
    for (QWidget *w : std::initializer_list<QWidget *>{m_epochs, m_stepsPerEpoch, m_accumulation, m_validationSteps})
        watch(w);
    auto *form = new QFormLayout(group);
    form->addRow(tr("Epochs"), m_epochs);
    form->addRow(tr("Max steps per epoch"), m_stepsPerEpoch);
    form->addRow(tr("Gradient accumulation"), m_accumulation);
    form->addRow(tr("Max validation steps"), m_validationSteps);
    return group;
}

QWidget *TrainingForm::createOptimizerGroup()
{
    auto *group = new QGroupBox(tr("Optimizer"), this);
    m_optimizer = new QComboBox(group);
    m_optimizer->setObjectName(QStringLiteral("optimizerCombo"));
    addEnumItems<api::OptimizerType>(m_optimizer, {{api::OptimizerType::AdamW, QStringLiteral("AdamW")},
                                                   {api::OptimizerType::Adam, QStringLiteral("Adam")},
                                                   {api::OptimizerType::Sgd, QStringLiteral("SGD")}});
    m_lr = new QLineEdit(QStringLiteral("0.0001"), group);
    m_lr->setObjectName(QStringLiteral("lrEdit"));
    m_lr->setToolTip(tr("Peak learning rate, e.g. 1e-4; warm-up then cosine decay to 0"));
    m_weightDecay = new QLineEdit(QStringLiteral("0.01"), group);
    m_weightDecay->setObjectName(QStringLiteral("weightDecayEdit"));
    m_warmup = spin(group, QStringLiteral("warmupSpin"), 0, kMaxWarmupSteps, 0);
    m_dtype = new QComboBox(group);
    m_dtype->setObjectName(QStringLiteral("dtypeCombo"));
    m_dtype->addItem(tr("fp32"), QStringLiteral("fp32"));
    m_dtype->addItem(tr("bf16 (where the CPU supports it)"), QStringLiteral("bf16"));

    m_activationCheckpointing = check(group, QStringLiteral("activationCheckpointingCheck"),
                                      tr("Activation checkpointing"),
                                      tr("Recompute activations in the backward pass: less memory, more time"));
    m_activationOffloading = check(group, QStringLiteral("activationOffloadingCheck"), tr("Activation offloading"),
                                   tr("Accepted; not applied on a CPU"));
    m_fsdpWrap = check(group, QStringLiteral("fsdpWrapCheck"), tr("Memory-efficient FSDP wrap"),
                       tr("Accepted; not applied on one device"));
    m_fsdpCpuOffload = check(group, QStringLiteral("fsdpCpuOffloadCheck"), tr("FSDP CPU offload"),
                             tr("Accepted; not applied on one device"));
    auto *efficiency = new QVBoxLayout;
    for (QCheckBox *c : {m_activationCheckpointing, m_activationOffloading, m_fsdpWrap, m_fsdpCpuOffload})
        efficiency->addWidget(c);
    for (QWidget *w : std::initializer_list<QWidget *>{m_optimizer, m_lr, m_weightDecay, m_warmup, m_dtype,
                                                       m_activationCheckpointing, m_activationOffloading, m_fsdpWrap,
                                                       m_fsdpCpuOffload})
        watch(w);
    auto *form = new QFormLayout(group);
    form->addRow(tr("Optimizer"), m_optimizer);
    form->addRow(tr("Learning rate"), m_lr);
    form->addRow(tr("Weight decay"), m_weightDecay);
    form->addRow(tr("Warm-up steps"), m_warmup);
    form->addRow(tr("Precision"), m_dtype);
    form->addRow(tr("Efficiency"), efficiency);
    return group;
}

QWidget *TrainingForm::createAdvancedGroup()
{
    auto *group = new QGroupBox(tr("Advanced"), this);
    m_logger = new QLineEdit(QStringLiteral("{}"), group);
    m_logger->setObjectName(QStringLiteral("loggerConfigEdit"));
    m_logger->setToolTip(tr("logger_config as a JSON object (passed on as it is)"));
    m_hyperparams = new QLineEdit(QStringLiteral("{}"), group);
    m_hyperparams->setObjectName(QStringLiteral("hyperparamConfigEdit"));
    m_hyperparams->setToolTip(tr("hyperparam_search_config as a JSON object (passed on as it is)"));
    watch(m_logger);
    watch(m_hyperparams);
    auto *form = new QFormLayout(group);
    form->addRow(tr("Logger config"), m_logger);
    form->addRow(tr("Hyperparameter search"), m_hyperparams);
    return group;
}

void TrainingForm::watch(QWidget *field)
{
    if (auto *e = qobject_cast<QLineEdit *>(field))
        connect(e, &QLineEdit::textChanged, this, &TrainingForm::revalidate);
    else if (auto *c = qobject_cast<QComboBox *>(field))
        connect(c, &QComboBox::currentTextChanged, this, &TrainingForm::revalidate);
    else if (auto *s = qobject_cast<QSpinBox *>(field))
        connect(s, &QSpinBox::valueChanged, this, &TrainingForm::revalidate);
    else if (auto *b = qobject_cast<QCheckBox *>(field))
        connect(b, &QCheckBox::toggled, this, &TrainingForm::revalidate);
}

void TrainingForm::updateVisibility()
{
    const bool sft = kind() == Kind::Sft;
    m_methodGroup->setVisible(sft);
    m_dpoGroup->setVisible(!sft);
    m_checkpointRow->setEnabled(sft); // DPO requests have no checkpoint_dir
    m_checkpointDir->setToolTip(sft ? tr("Where the checkpoints are written (checkpoint_dir); empty for the default")
                                    : tr("Preference optimization uses the default checkpoints folder"));
}

void TrainingForm::revalidate()
{
    const QString p = problem();
    m_problem->setText(p);
    m_problem->setVisible(!p.isEmpty());
    if (p != m_lastProblem) {
        m_lastProblem = p;
        Q_EMIT problemChanged(p);
    }
}

TrainingForm::Kind TrainingForm::kind() const
{
    return m_kind->currentIndex() == 1 ? Kind::Dpo : Kind::Sft;
}

void TrainingForm::setKind(Kind kind)
{
    m_kind->setCurrentIndex(kind == Kind::Dpo ? 1 : 0);
}

TrainingForm::Method TrainingForm::method() const
{
    switch (m_method->currentIndex()) {
    case 1: return Method::Lora;
    case 2: return Method::Qat;
    default: return Method::Full;
    }
}

void TrainingForm::setMethod(Method method)
{
    m_method->setCurrentIndex(method == Method::Lora ? 1 : method == Method::Qat ? 2 : 0);
}

QString TrainingForm::jobId() const
{
    return m_jobId->text();
}

void TrainingForm::setJobId(const QString &id)
{
    m_jobId->setText(id);
}

QString TrainingForm::makeJobId(Kind kind)
{
    return QStringLiteral("%1-%2-%3")
        .arg(kind == Kind::Dpo ? QStringLiteral("dpo") : QStringLiteral("sft"),
             QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")))
        .arg(QRandomGenerator::global()->bounded(0x10000), 4, 16, QLatin1Char('0'));
}

void TrainingForm::newJobId()
{
    m_jobId->setText(makeJobId(kind()));
}

void TrainingForm::refreshPickers()
{
    m_model->refresh();
    m_dataset->refresh();
    m_validation->refresh();
}

std::variant<std::pair<api::JsonObject, api::JsonObject>, QString> TrainingForm::readJsonConfigs() const
{
    std::pair<api::JsonObject, api::JsonObject> out;
    const std::pair<QLineEdit *, QString> fields[] = {{m_hyperparams, tr("Hyperparameter search")},
                                                      {m_logger, tr("Logger config")}};
    for (int i = 0; i < 2; ++i) {
        const QString text = fields[i].first->text().trimmed();
        const api::Json j = api::Json::parse(text.isEmpty() ? std::string("{}") : text.toStdString(), nullptr, false);
        if (!j.is_object())
            return tr("%1 must be a JSON object such as {} or {\"key\": \"value\"}.").arg(fields[i].second);
        (i == 0 ? out.first : out.second).value = j;
    }
    return out;
}

std::variant<api::TrainingConfig, QString> TrainingForm::readTrainingConfig() const
{
    api::TrainingConfig c;
    c.n_epochs = m_epochs->value();
    c.max_steps_per_epoch = m_stepsPerEpoch->value();
    c.gradient_accumulation_steps = m_accumulation->value();
    c.max_validation_steps = m_validationSteps->value();
    c.dtype = m_dtype->currentData().toString().toStdString();

    api::DataConfig d;
    d.dataset_id = m_dataset->datasetId().toStdString();
    d.batch_size = m_batchSize->value();
    d.shuffle = m_shuffle->isChecked();
    d.data_format = comboEnum<api::DatasetFormat>(m_format);
    if (const QString v = m_validation->datasetId(); !v.isEmpty())
        d.validation_dataset_id = v.toStdString();
    d.packed = m_packed->isChecked();
    d.train_on_input = m_trainOnInput->isChecked();
    c.data_config = d;

    api::OptimizerConfig o;
    o.optimizer_type = comboEnum<api::OptimizerType>(m_optimizer);
    const auto lr = parseNumber(m_lr->text());
    if (!lr)
        return tr("Learning rate: “%1” is not a number (write e.g. 1e-4 or 0.0001).").arg(m_lr->text());
    o.lr = *lr;
    const auto wd = parseNumber(m_weightDecay->text());
    if (!wd)
        return tr("Weight decay: “%1” is not a number.").arg(m_weightDecay->text());
    o.weight_decay = *wd;
    o.num_warmup_steps = m_warmup->value();
    c.optimizer_config = o;

    api::EfficiencyConfig e;
    e.enable_activation_checkpointing = m_activationCheckpointing->isChecked();
    e.enable_activation_offloading = m_activationOffloading->isChecked();
    e.memory_efficient_fsdp_wrap = m_fsdpWrap->isChecked();
    e.fsdp_cpu_offload = m_fsdpCpuOffload->isChecked();
    c.efficiency_config = e;
    return c;
}

std::variant<api::SupervisedFineTuneRequest, QString> TrainingForm::buildSft() const
{
    auto config = readTrainingConfig();
    if (auto *p = std::get_if<QString>(&config))
        return *p;
    auto json = readJsonConfigs();
    if (auto *p = std::get_if<QString>(&json))
        return *p;
    api::SupervisedFineTuneRequest r;
    r.job_uuid = jobId().toStdString();
    r.training_config = std::get<api::TrainingConfig>(std::move(config));
    std::tie(r.hyperparam_search_config, r.logger_config) = std::get<0>(std::move(json));
    r.model = m_model->modelId().toStdString();
    if (const QString dir = m_checkpointDir->text().trimmed(); !dir.isEmpty())
        r.checkpoint_dir = dir.toStdString();
    if (method() == Method::Lora) {
        api::LoraFinetuningConfig l;
        const std::pair<QCheckBox *, QString> modules[] = {{m_qProj, QStringLiteral("q_proj")},
                                                           {m_kProj, QStringLiteral("k_proj")},
                                                           {m_vProj, QStringLiteral("v_proj")},
                                                           {m_oProj, m_oProjName}};
        for (const auto &[box, name] : modules)
            if (box->isChecked())
                l.lora_attn_modules.push_back(name.toStdString());
        l.apply_lora_to_mlp = m_mlp->isChecked();
        l.apply_lora_to_output = m_output->isChecked();
        l.rank = m_rank->value();
        l.alpha = m_alpha->value();
        l.use_dora = m_dora->isChecked();
        l.quantize_base = m_quantizeBase->isChecked();
        r.algorithm_config = l;
    } else if (method() == Method::Qat) {
        api::QATFinetuningConfig q;
        q.quantizer_name = m_quantizer->currentText().trimmed().toStdString();
        q.group_size = m_groupSize->value();
        r.algorithm_config = q;
    }
    if (const QString p = checkSft(r, Completeness::Request); !p.isEmpty())
        return p;
    return r;
}

std::variant<api::PreferenceOptimizeRequest, QString> TrainingForm::buildDpo() const
{
    auto config = readTrainingConfig();
    if (auto *p = std::get_if<QString>(&config))
        return *p;
    auto json = readJsonConfigs();
    if (auto *p = std::get_if<QString>(&json))
        return *p;
    api::PreferenceOptimizeRequest r;
    r.job_uuid = jobId().toStdString();
    r.finetuned_model = m_model->modelId().toStdString();
    r.training_config = std::get<api::TrainingConfig>(std::move(config));
    std::tie(r.hyperparam_search_config, r.logger_config) = std::get<0>(std::move(json));
    const auto beta = parseNumber(m_beta->text());
    if (!beta)
        return tr("DPO beta: “%1” is not a number.").arg(m_beta->text());
    r.algorithm_config.beta = *beta;
    r.algorithm_config.loss_type = comboEnum<api::DPOLossType>(m_lossType);
    if (const QString p = checkDpo(r, Completeness::Request); !p.isEmpty())
        return p;
    return r;
}

QString TrainingForm::problem() const
{
    if (kind() == Kind::Dpo) {
        const auto r = buildDpo();
        return std::holds_alternative<QString>(r) ? std::get<QString>(r) : QString();
    }
    const auto r = buildSft();
    return std::holds_alternative<QString>(r) ? std::get<QString>(r) : QString();
}

std::variant<api::Json, QString> TrainingForm::presetJson() const
{
    api::Json body;
    if (kind() == Kind::Dpo) {
        auto r = buildDpo();
        if (auto *p = std::get_if<QString>(&r))
            return *p;
        body = api::toJson(std::get<api::PreferenceOptimizeRequest>(r));
    } else {
        auto r = buildSft();
        if (auto *p = std::get_if<QString>(&r))
            return *p;
        body = api::toJson(std::get<api::SupervisedFineTuneRequest>(r));
    }
    body.erase("job_uuid"); // a preset starts new jobs: the id is the form's
    return body;
}

void TrainingForm::applyTrainingConfig(const api::TrainingConfig &c)
{
    m_epochs->setValue(c.n_epochs);
    m_stepsPerEpoch->setValue(c.max_steps_per_epoch);
    m_accumulation->setValue(c.gradient_accumulation_steps);
    m_validationSteps->setValue(c.max_validation_steps);
    m_dtype->setCurrentIndex(std::max(0, m_dtype->findData(QString::fromStdString(c.dtype))));
    const api::DataConfig d = c.data_config.value_or(api::DataConfig{});
    m_dataset->setDatasetId(QString::fromStdString(d.dataset_id));
    m_validation->setDatasetId(QString::fromStdString(d.validation_dataset_id.value_or(std::string())));
    setComboEnum(m_format, d.data_format);
    m_batchSize->setValue(d.batch_size);
    m_shuffle->setChecked(d.shuffle);
    m_packed->setChecked(d.packed);
    m_trainOnInput->setChecked(d.train_on_input);
    api::OptimizerConfig o = c.optimizer_config.value_or(api::OptimizerConfig{});
    if (!c.optimizer_config)
        o.lr = 1e-4; // the form's default; a zero rate would only be an error to fix
    setComboEnum(m_optimizer, o.optimizer_type);
    m_lr->setText(numberText(o.lr));
    m_weightDecay->setText(numberText(o.weight_decay));
    m_warmup->setValue(o.num_warmup_steps);
    const api::EfficiencyConfig e = c.efficiency_config.value_or(api::EfficiencyConfig{});
    m_activationCheckpointing->setChecked(e.enable_activation_checkpointing);
    m_activationOffloading->setChecked(e.enable_activation_offloading);
    m_fsdpWrap->setChecked(e.memory_efficient_fsdp_wrap);
    m_fsdpCpuOffload->setChecked(e.fsdp_cpu_offload);
}

void TrainingForm::applyJsonConfigs(const api::JsonObject &hyperparams, const api::JsonObject &logger)
{
    m_hyperparams->setText(compactJson(hyperparams.value));
    m_logger->setText(compactJson(logger.value));
}

QString TrainingForm::applyPreset(const api::Json &body)
{
    if (!body.is_object())
        return tr("The preset must be a JSON object (a training request without job_uuid).");
    api::Json j = body;
    j["job_uuid"] = "preset"; // presets have no id; the form keeps its own
    for (const char *key : {"hyperparam_search_config", "logger_config"})
        if (!j.contains(key) || j[key].is_null())
            j[key] = api::Json::object();
    const bool dpo = j.contains("finetuned_model");
    if (dpo) {
        auto parsed = api::parse<api::PreferenceOptimizeRequest>(j);
        if (!parsed)
            return tr("The preset is not a valid preference-optimization request: %1")
                .arg(QString::fromStdString(parsed.error().detail));
        const api::PreferenceOptimizeRequest &r = *parsed;
        if (const QString p = checkDpo(r, Completeness::Preset); !p.isEmpty())
            return tr("The preset cannot be used: %1").arg(p);
        setKind(Kind::Dpo);
        m_model->setModelId(QString::fromStdString(r.finetuned_model));
        applyTrainingConfig(r.training_config);
        applyJsonConfigs(r.hyperparam_search_config, r.logger_config);
        m_beta->setText(numberText(r.algorithm_config.beta));
        setComboEnum(m_lossType, r.algorithm_config.loss_type);
        m_checkpointDir->clear();
        revalidate();
        return {};
    }
    auto parsed = api::parse<api::SupervisedFineTuneRequest>(j);
    if (!parsed)
        return tr("The preset is not a valid fine-tuning request: %1").arg(QString::fromStdString(parsed.error().detail));
    const api::SupervisedFineTuneRequest &r = *parsed;
    if (const QString p = checkSft(r, Completeness::Preset); !p.isEmpty())
        return tr("The preset cannot be used: %1").arg(p);
    setKind(Kind::Sft);
    m_model->setModelId(QString::fromStdString(r.model.value_or(std::string())));
    m_checkpointDir->setText(QString::fromStdString(r.checkpoint_dir.value_or(std::string())));
    applyTrainingConfig(r.training_config);
    applyJsonConfigs(r.hyperparam_search_config, r.logger_config);
    if (!r.algorithm_config) {
        setMethod(Method::Full);
    } else if (const auto *l = std::get_if<api::LoraFinetuningConfig>(&*r.algorithm_config)) {
        setMethod(Method::Lora);
        m_rank->setValue(l->rank);
        m_alpha->setValue(l->alpha);
        auto has = [&](const char *name) {
            return std::find(l->lora_attn_modules.begin(), l->lora_attn_modules.end(), name)
                   != l->lora_attn_modules.end();
        };
        m_qProj->setChecked(has("q_proj"));
        m_kProj->setChecked(has("k_proj"));
        m_vProj->setChecked(has("v_proj"));
        m_oProjName = has("output_proj") ? QStringLiteral("output_proj") : QStringLiteral("o_proj");
        m_oProj->setChecked(has("o_proj") || has("output_proj"));
        m_mlp->setChecked(l->apply_lora_to_mlp);
        m_output->setChecked(l->apply_lora_to_output);
        m_dora->setChecked(l->use_dora);
        m_quantizeBase->setChecked(l->quantize_base);
    } else if (const auto *q = std::get_if<api::QATFinetuningConfig>(&*r.algorithm_config)) {
        setMethod(Method::Qat);
        m_quantizer->setEditText(QString::fromStdString(q->quantizer_name));
        m_groupSize->setValue(q->group_size);
    }
    revalidate();
    return {};
}

QString TrainingForm::savePreset(const QString &path) const
{
    auto body = presetJson();
    if (auto *p = std::get_if<QString>(&body))
        return tr("The form cannot be saved as a preset yet: %1").arg(*p);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return tr("Could not write %1: %2").arg(path, file.errorString());
    file.write(QByteArray::fromStdString(std::get<api::Json>(body).dump(2)) + '\n');
    if (!file.commit())
        return tr("Could not write %1: %2").arg(path, file.errorString());
    return {};
}

QString TrainingForm::loadPreset(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return tr("Could not read %1: %2").arg(path, file.errorString());
    const QByteArray bytes = file.readAll();
    const api::Json j = api::Json::parse(bytes.toStdString(), nullptr, false);
    if (j.is_discarded())
        return tr("%1 is not valid JSON.").arg(path);
    return applyPreset(j);
}

} // namespace wb::ui
