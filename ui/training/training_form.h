#pragma once

// The form of a training job: supervised fine-tuning (full, LoRA or QAT) or preference
// optimisation (DPO), with every field of the requests (job id, model, datasets, data format and
// options, schedule, optimizer, precision, efficiency options, the method's settings, checkpoint
// folder, logger and hyperparameter-search config as JSON). It builds the request the page sends
// and checks it first (training_request_check.h); the first problem is shown under the form as
// the user types.
//
// Presets are the request body without job_uuid, as JSON: presetJson() / applyPreset() are the
// whole conversion, savePreset(path) / loadPreset(path) the file I/O (the page's menu asks for
// the path; tests call these directly).

#include "api/stack_api.h"

#include <QWidget>

#include <variant>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QStackedWidget;

namespace wb::ui {

class DatasetPicker;
class ModelPicker;

class TrainingForm : public QWidget
{
    Q_OBJECT
public:
    enum class Kind { Sft, Dpo };
    enum class Method { Full, Lora, Qat };

    TrainingForm(api::StackApi &api, QWidget *parent);

    Kind kind() const;
    void setKind(Kind kind);
    Method method() const;
    void setMethod(Method method);
    QString jobId() const;
    void setJobId(const QString &id);
    //! A fresh id ("sft-20260101-120000-3fa9"): prefilled, and again after each start.
    void newJobId();
    static QString makeJobId(Kind kind);

    //! The request of the current fields, or the first problem.
    std::variant<api::SupervisedFineTuneRequest, QString> buildSft() const;
    std::variant<api::PreferenceOptimizeRequest, QString> buildDpo() const;
    //! The current problem ("" when the form can be sent).
    QString problem() const;

    //! The request body without job_uuid, or the first problem.
    std::variant<api::Json, QString> presetJson() const;
    //! Sets every field from a preset body (SFT, or DPO when it has "finetuned_model"); the job id
    //! stays. An error text (and the form unchanged) when the body is not a valid request.
    QString applyPreset(const api::Json &body);
    //! Writes presetJson() to `path`; an error text or empty.
    QString savePreset(const QString &path) const;
    //! Reads `path` and applies it; an error text or empty.
    QString loadPreset(const QString &path);

    void refreshPickers();
    ModelPicker *modelPicker() const { return m_model; }
    DatasetPicker *datasetPicker() const { return m_dataset; }
    DatasetPicker *validationPicker() const { return m_validation; }

Q_SIGNALS:
    //! The problem text changed (empty: the form can be sent).
    void problemChanged(const QString &problem);

private:
    QWidget *createJobGroup();
    QWidget *createDataGroup();
    QWidget *createScheduleGroup();
    QWidget *createOptimizerGroup();
    QWidget *createMethodGroup();
    QWidget *createDpoGroup();
    QWidget *createAdvancedGroup();
    void watch(QWidget *field);
    void revalidate();
    void updateVisibility();
    //! The fields shared by SFT and DPO; the problem of a field that does not parse.
    std::variant<api::TrainingConfig, QString> readTrainingConfig() const;
    std::variant<std::pair<api::JsonObject, api::JsonObject>, QString> readJsonConfigs() const;
    void applyTrainingConfig(const api::TrainingConfig &config);
    void applyJsonConfigs(const api::JsonObject &hyperparams, const api::JsonObject &logger);

    api::StackApi &m_api;
    QComboBox *m_kind = nullptr;
    QLineEdit *m_jobId = nullptr;
    ModelPicker *m_model = nullptr;
    QLineEdit *m_checkpointDir = nullptr;
    QWidget *m_checkpointRow = nullptr;
    DatasetPicker *m_dataset = nullptr;
    DatasetPicker *m_validation = nullptr;
    QComboBox *m_format = nullptr;
    QSpinBox *m_batchSize = nullptr;
    QCheckBox *m_shuffle = nullptr;
    QCheckBox *m_packed = nullptr;
    QCheckBox *m_trainOnInput = nullptr;
    QSpinBox *m_epochs = nullptr;
    QSpinBox *m_stepsPerEpoch = nullptr;
    QSpinBox *m_accumulation = nullptr;
    QSpinBox *m_validationSteps = nullptr;
    QComboBox *m_optimizer = nullptr;
    QLineEdit *m_lr = nullptr;
    QLineEdit *m_weightDecay = nullptr;
    QSpinBox *m_warmup = nullptr;
    QComboBox *m_dtype = nullptr;
    QCheckBox *m_activationCheckpointing = nullptr;
    QCheckBox *m_activationOffloading = nullptr;
    QCheckBox *m_fsdpWrap = nullptr;
    QCheckBox *m_fsdpCpuOffload = nullptr;
    QGroupBox *m_methodGroup = nullptr;
    QComboBox *m_method = nullptr;
    QStackedWidget *m_methodPages = nullptr;
    QSpinBox *m_rank = nullptr;
    QSpinBox *m_alpha = nullptr;
    QCheckBox *m_qProj = nullptr;
    QCheckBox *m_kProj = nullptr;
    QCheckBox *m_vProj = nullptr;
    QCheckBox *m_oProj = nullptr;
    QCheckBox *m_mlp = nullptr;
    QCheckBox *m_output = nullptr;
    QCheckBox *m_dora = nullptr;
    QCheckBox *m_quantizeBase = nullptr;
    QComboBox *m_quantizer = nullptr;
    QSpinBox *m_groupSize = nullptr;
    QGroupBox *m_dpoGroup = nullptr;
    QLineEdit *m_beta = nullptr;
    QComboBox *m_lossType = nullptr;
    QLineEdit *m_hyperparams = nullptr;
    QLineEdit *m_logger = nullptr;
    QLabel *m_problem = nullptr;
    QString m_oProjName = QStringLiteral("o_proj"); //!< "output_proj" when a preset spelled it so
    QString m_lastProblem;
};

} // namespace wb::ui
