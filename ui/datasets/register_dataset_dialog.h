#pragma once

// Registers a dataset: the source (local file, URL, Hugging Face, pasted rows), the purpose, an
// optional id and metadata. Input is checked before sending (pasted rows with their line number);
// the request runs asynchronously and a failure is shown in the dialog, which stays open.

#include "api/stack_api.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QStackedWidget;
class QTimer;

namespace wb::ui {

class BusyOverlay;

class RegisterDatasetDialog : public QDialog
{
    Q_OBJECT
public:
    //! Order of the source-kind combo (and of its stacked pages).
    enum SourceKind { LocalFile, Url, HuggingFace, PastedRows };

    RegisterDatasetDialog(api::StackApi &api, QWidget *parent);

    //! Builds the request from the fields; an error message instead when they are not valid.
    std::variant<api::RegisterDatasetRequest, QString> buildRequest() const;
    //! The registered dataset, after the dialog was accepted.
    const std::optional<api::Dataset> &registered() const { return m_registered; }

    void accept() override;

Q_SIGNALS:
    void datasetRegistered(const QString &datasetId);

private:
    QWidget *createFilePage();
    QWidget *createUrlPage();
    QWidget *createHuggingFacePage();
    QWidget *createRowsPage();
    void browseFile();
    void validateRows();
    void setBusy(bool busy);
    void showError(const QString &message);

    api::StackApi &m_api;
    QComboBox *m_kind;
    QStackedWidget *m_pages;
    QLineEdit *m_filePath;
    QLineEdit *m_url;
    QLineEdit *m_hfDataset;
    QLineEdit *m_hfSplit;
    QLineEdit *m_hfConfig;
    QPlainTextEdit *m_rowsText;
    QLabel *m_rowsStatus;
    QTimer *m_rowsTimer;
    QComboBox *m_purpose;
    QLineEdit *m_datasetId;
    QPlainTextEdit *m_metadata;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    BusyOverlay *m_busy;
    std::optional<api::Dataset> m_registered;
};

//! huggingface://datasets/org/name?split=..&name=.. (config only when given).
QString huggingFaceUri(const QString &datasetId, const QString &split, const QString &config);

} // namespace wb::ui
