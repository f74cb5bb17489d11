#include "register_dataset_dialog.h"

#include "common/busy_overlay.h"
#include "common/error_display.h"
#include "common/json_text.h"
#include "dataset_text.h"
#include "rows_text_parser.h"

#include "api/async.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QStackedWidget>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>
#include <QVBoxLayout>

namespace wb::ui {

QString huggingFaceUri(const QString &datasetId, const QString &split, const QString &config)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("split"), split.isEmpty() ? QStringLiteral("train") : split);
    if (!config.isEmpty())
        query.addQueryItem(QStringLiteral("name"), config);
    return QStringLiteral("huggingface://datasets/") + datasetId + QLatin1Char('?')
         + query.toString(QUrl::FullyEncoded);
}

RegisterDatasetDialog::RegisterDatasetDialog(api::StackApi &api, QWidget *parent)
    : QDialog(parent)
    , m_api(api)
    , m_kind(new QComboBox(this))
    , m_pages(new QStackedWidget(this))
    , m_rowsTimer(new QTimer(this))
    , m_purpose(new QComboBox(this))
    , m_datasetId(new QLineEdit(this))
    , m_metadata(new QPlainTextEdit(this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("registerDatasetDialog"));
    setWindowTitle(tr("Register Dataset"));
    m_kind->setObjectName(QStringLiteral("sourceKindCombo"));
    m_kind->addItems({tr("Local file"), tr("URL"), tr("Hugging Face"), tr("Pasted rows")});
    m_pages->addWidget(createFilePage());
    m_pages->addWidget(createUrlPage());
    m_pages->addWidget(createHuggingFacePage());
    m_pages->addWidget(createRowsPage());
    connect(m_kind, &QComboBox::currentIndexChanged, m_pages, &QStackedWidget::setCurrentIndex);

    m_purpose->setObjectName(QStringLiteral("purposeCombo"));
    for (api::DatasetPurpose p : allPurposes())
        m_purpose->addItem(purposeName(p), int(p));
    m_datasetId->setObjectName(QStringLiteral("datasetIdEdit"));
    m_datasetId->setPlaceholderText(tr("optional; generated when empty"));
    m_metadata->setObjectName(QStringLiteral("metadataEdit"));
    m_metadata->setPlaceholderText(tr("optional JSON object, e.g. {\"license\": \"cc-by-4.0\"}"));
    m_metadata->setMaximumHeight(80);

    m_error->setObjectName(QStringLiteral("registerErrorLabel"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: white; background: #b3261e; padding: 6px;"));
    m_error->hide();

    m_buttons->setObjectName(QStringLiteral("registerButtons"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Register"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &RegisterDatasetDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &RegisterDatasetDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(tr("Source:"), m_kind);
    form->addRow(m_pages);
    form->addRow(tr("Purpose:"), m_purpose);
    form->addRow(tr("Dataset id:"), m_datasetId);
    form->addRow(tr("Metadata:"), m_metadata);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    m_busy = new BusyOverlay(this);
    m_busy->setText(tr("Registering…"));
    resize(560, 480);
}

QWidget *RegisterDatasetDialog::createFilePage()
{
    auto *page = new QWidget(this);
    m_filePath = new QLineEdit(page);
    m_filePath->setObjectName(QStringLiteral("filePathEdit"));
    m_filePath->setPlaceholderText(tr("CSV, TSV, JSONL, JSON or XLSX file"));
    auto *browse = new QPushButton(tr("Browse…"), page);
    browse->setObjectName(QStringLiteral("browseButton"));
    connect(browse, &QPushButton::clicked, this, &RegisterDatasetDialog::browseFile);
    auto *layout = new QHBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filePath);
    layout->addWidget(browse);
    return page;
}

QWidget *RegisterDatasetDialog::createUrlPage()
{
    auto *page = new QWidget(this);
    m_url = new QLineEdit(page);
    m_url->setObjectName(QStringLiteral("urlEdit"));
    m_url->setPlaceholderText(QStringLiteral("https://example.org/data.jsonl"));
    auto *layout = new QFormLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addRow(tr("URL (http, https, file or data:):"), m_url);
    return page;
}

QWidget *RegisterDatasetDialog::createHuggingFacePage()
{
    auto *page = new QWidget(this);
    m_hfDataset = new QLineEdit(page);
    m_hfDataset->setObjectName(QStringLiteral("hfDatasetEdit"));
    m_hfDataset->setPlaceholderText(QStringLiteral("org/name"));
    m_hfSplit = new QLineEdit(QStringLiteral("train"), page);
    m_hfSplit->setObjectName(QStringLiteral("hfSplitEdit"));
    m_hfConfig = new QLineEdit(page);
    m_hfConfig->setObjectName(QStringLiteral("hfConfigEdit"));
    m_hfConfig->setPlaceholderText(tr("optional"));
    auto *layout = new QFormLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addRow(tr("Dataset:"), m_hfDataset);
    layout->addRow(tr("Split:"), m_hfSplit);
    layout->addRow(tr("Config:"), m_hfConfig);
    return page;
}

QWidget *RegisterDatasetDialog::createRowsPage()
{
    auto *page = new QWidget(this);
    m_rowsText = new QPlainTextEdit(page);
    m_rowsText->setObjectName(QStringLiteral("rowsTextEdit"));
    m_rowsText->setPlaceholderText(tr("A JSON array of objects, or one JSON object per line (JSONL)"));
    m_rowsStatus = new QLabel(page);
    m_rowsStatus->setObjectName(QStringLiteral("rowsStatusLabel"));
    m_rowsStatus->setWordWrap(true);
    // Parse shortly after typing stops, not on every key: a pasted file can be large.
    m_rowsTimer->setSingleShot(true);
    m_rowsTimer->setInterval(300);
    connect(m_rowsTimer, &QTimer::timeout, this, &RegisterDatasetDialog::validateRows);
    connect(m_rowsText, &QPlainTextEdit::textChanged, m_rowsTimer, qOverload<>(&QTimer::start));
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_rowsText);
    layout->addWidget(m_rowsStatus);
    return page;
}

void RegisterDatasetDialog::browseFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Choose a Dataset File"), m_filePath->text(),
        tr("Data files (*.csv *.tsv *.jsonl *.json *.xlsx);;All files (*)"));
    if (!path.isEmpty())
        m_filePath->setText(path);
}

void RegisterDatasetDialog::validateRows()
{
    const ParsedRows parsed = parseRowsText(m_rowsText->toPlainText());
    if (parsed.ok()) {
        m_rowsStatus->setStyleSheet(QString());
        m_rowsStatus->setText(tr("%1 rows ready.").arg(parsed.rows.size()));
    } else {
        m_rowsStatus->setStyleSheet(QStringLiteral("color: #b3261e;"));
        m_rowsStatus->setText(parsed.error);
    }
}

std::variant<api::RegisterDatasetRequest, QString> RegisterDatasetDialog::buildRequest() const
{
    api::RegisterDatasetRequest request;
    request.purpose = api::DatasetPurpose(m_purpose->currentData().toInt());

    switch (SourceKind(m_kind->currentIndex())) {
    case LocalFile: {
        const QString path = m_filePath->text().trimmed();
        if (path.isEmpty())
            return tr("Choose a file.");
        const QFileInfo info(path);
        if (!info.isFile())
            return tr("The file %1 does not exist.").arg(path);
        request.source = api::UriDataSource{toStdString(QUrl::fromLocalFile(info.absoluteFilePath()).toString())};
        break;
    }
    case Url: {
        const QString text = m_url->text().trimmed();
        const QUrl url(text);
        const QString scheme = url.scheme().toLower();
        static const QStringList schemes = {QStringLiteral("http"), QStringLiteral("https"),
                                            QStringLiteral("file"), QStringLiteral("data")};
        if (text.isEmpty() || !url.isValid() || !schemes.contains(scheme))
            return tr("Enter a URL that starts with http://, https://, file:// or data:.");
        request.source = api::UriDataSource{toStdString(text)};
        break;
    }
    case HuggingFace: {
        static const QRegularExpression re(QStringLiteral("^[\\w.-]+(/[\\w.-]+)?$"));
        const QString id = m_hfDataset->text().trimmed();
        if (!re.match(id).hasMatch())
            return tr("Enter a Hugging Face dataset id such as org/name.");
        request.source = api::UriDataSource{
            toStdString(huggingFaceUri(id, m_hfSplit->text().trimmed(), m_hfConfig->text().trimmed()))};
        break;
    }
    case PastedRows: {
        ParsedRows parsed = parseRowsText(m_rowsText->toPlainText());
        if (!parsed.ok())
            return parsed.error;
        request.source = api::RowsDataSource{std::move(parsed.rows)};
        break;
    }
    }

    const ParsedRows metadata = parseObjectText(m_metadata->toPlainText());
    if (!metadata.ok())
        return tr("Metadata: %1").arg(metadata.error);
    request.metadata = metadata.rows.front();
    const QString id = m_datasetId->text().trimmed();
    if (!id.isEmpty())
        request.dataset_id = toStdString(id);
    return request;
}

void RegisterDatasetDialog::accept()
{
    auto built = buildRequest();
    if (const auto *message = std::get_if<QString>(&built)) {
        if (m_kind->currentIndex() == PastedRows)
            validateRows(); // also mark the pasted text itself
        showError(*message);
        return;
    }
    m_error->hide();
    setBusy(true);
    api::onResult(m_api.registerDataset(std::get<api::RegisterDatasetRequest>(std::move(built))), this,
                  [this](const api::Result<api::Dataset> &r) {
                      setBusy(false);
                      if (!r) {
                          showError(errorMessage(tr("The dataset was not registered."), r.error()));
                          return;
                      }
                      m_registered = r.value();
                      Q_EMIT datasetRegistered(toQString(r->identifier));
                      QDialog::accept();
                  });
}

void RegisterDatasetDialog::setBusy(bool busy)
{
    m_buttons->setEnabled(!busy);
    busy ? m_busy->start() : m_busy->stop();
}

void RegisterDatasetDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->show();
}

} // namespace wb::ui
