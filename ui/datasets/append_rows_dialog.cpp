#include "append_rows_dialog.h"

#include "common/busy_overlay.h"
#include "common/error_display.h"
#include "common/json_text.h"
#include "rows_text_parser.h"

#include "api/async.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

namespace wb::ui {

AppendRowsDialog::AppendRowsDialog(api::StackApi &api, const QString &datasetId,
                                   const std::vector<std::string> &columns, QWidget *parent)
    : QDialog(parent)
    , m_api(api)
    , m_datasetId(datasetId)
    , m_tabs(new QTabWidget(this))
    , m_parseJson(new QCheckBox(tr("Read values that are valid JSON (numbers, lists, objects) as JSON"), this))
    , m_rowsText(new QPlainTextEdit(this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("appendRowsDialog"));
    setWindowTitle(tr("Append Rows to %1").arg(datasetId));
    m_tabs->setObjectName(QStringLiteral("appendTabs"));

    // Form tab: one line edit per column; a scroll area because datasets can have many columns.
    auto *formPage = new QWidget(this);
    auto *form = new QFormLayout(formPage);
    for (const std::string &column : columns) {
        auto *edit = new QLineEdit(formPage);
        edit->setObjectName(QStringLiteral("field_") + toQString(column));
        form->addRow(toQString(column) + QLatin1Char(':'), edit);
        m_fields.emplace_back(column, edit);
    }
    if (columns.empty())
        form->addRow(new QLabel(tr("The dataset has no known columns; use the JSONL tab."), formPage));
    m_parseJson->setObjectName(QStringLiteral("parseJsonCheck"));
    m_parseJson->setToolTip(tr("Off: every value is sent as text, so \"42\" stays the string \"42\"."));
    form->addRow(m_parseJson);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(formPage);
    scroll->setWidgetResizable(true);
    m_tabs->addTab(scroll, tr("One row"));

    m_rowsText->setObjectName(QStringLiteral("appendRowsText"));
    m_rowsText->setPlaceholderText(tr("One JSON object per line, or a JSON array of objects"));
    m_tabs->addTab(m_rowsText, tr("Paste JSONL"));

    m_error->setObjectName(QStringLiteral("appendErrorLabel"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: white; background: #b3261e; padding: 6px;"));
    m_error->hide();

    m_buttons->setObjectName(QStringLiteral("appendButtons"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Append"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AppendRowsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AppendRowsDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    m_busy = new BusyOverlay(this);
    m_busy->setText(tr("Appending…"));
    resize(520, 420);
}

std::variant<std::vector<api::JsonObject>, QString> AppendRowsDialog::buildRows() const
{
    if (m_tabs->currentIndex() == 1) {
        ParsedRows parsed = parseRowsText(m_rowsText->toPlainText());
        if (!parsed.ok())
            return parsed.error;
        return std::move(parsed.rows);
    }
    api::JsonObject row;
    for (const auto &[column, edit] : m_fields) {
        const QString text = edit->text();
        if (text.isEmpty())
            continue; // an empty field is a missing key, not an empty string
        api::Json value = text.toStdString();
        if (m_parseJson->isChecked()) {
            api::Json parsed = api::Json::parse(text.toStdString(), nullptr, false);
            if (!parsed.is_discarded())
                value = std::move(parsed);
        }
        row.value[column] = std::move(value);
    }
    if (row.value.empty())
        return tr("Fill in at least one field.");
    return std::vector<api::JsonObject>{std::move(row)};
}

void AppendRowsDialog::accept()
{
    auto built = buildRows();
    if (const auto *message = std::get_if<QString>(&built)) {
        m_error->setText(*message);
        m_error->show();
        return;
    }
    auto rows = std::get<std::vector<api::JsonObject>>(std::move(built));
    const int count = int(rows.size());
    m_error->hide();
    m_buttons->setEnabled(false);
    m_busy->start();
    api::onResult(m_api.appendRows(toStdString(m_datasetId), std::move(rows)), this,
                  [this, count](const api::Result<void> &r) {
                      m_busy->stop();
                      m_buttons->setEnabled(true);
                      if (!r) {
                          m_error->setText(errorMessage(tr("The rows were not appended."), r.error()));
                          m_error->show();
                          return;
                      }
                      Q_EMIT rowsAppended(m_datasetId, count);
                      QDialog::accept();
                  });
}

} // namespace wb::ui
