#include "rerank_items_editor.h"

#include "common/json_text.h"

#include "api/json_io.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace wb::ui {

namespace {
constexpr int kTextColumn = 0;
constexpr int kDeleteColumn = 1;
} // namespace

RerankItemsEditor::RerankItemsEditor(QWidget *parent)
    : QWidget(parent)
    , m_query(new QLineEdit(this))
    , m_stack(new QStackedWidget(this))
    , m_table(new QTableWidget(0, 2, this))
    , m_json(new QPlainTextEdit(this))
    , m_toggle(new QPushButton(tr("JSON"), this))
    , m_paste(new QPushButton(tr("Paste"), this))
    , m_clear(new QPushButton(tr("Clear"), this))
    , m_error(new QLabel(this))
{
    m_query->setObjectName(QStringLiteral("rerankQuery"));
    m_query->setPlaceholderText(tr("Query (Enter runs)"));
    m_query->setClearButtonEnabled(true);

    m_table->setObjectName(QStringLiteral("rerankItemsTable"));
    m_table->setHorizontalHeaderLabels({tr("Item"), QString()});
    m_table->horizontalHeader()->setSectionResizeMode(kTextColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(kDeleteColumn, QHeaderView::ResizeToContents);
    m_table->setWordWrap(false);
    m_table->setToolTip(tr("One item per row; typing into the empty last row adds one."));
    m_json->setObjectName(QStringLiteral("rerankItemsJson"));
    m_json->setPlaceholderText(tr("[\"first item\", \"second item\"]"));
    m_json->setToolTip(tr("A JSON array of strings or text parts ({\"type\": \"text\", \"text\": ...})."));
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_json);

    m_toggle->setCheckable(true);
    m_toggle->setToolTip(tr("Edit the items as a JSON array (the table and the JSON stay in sync)."));
    m_paste->setToolTip(tr("Add the clipboard's items: a JSON array, or one item per non-empty line."));
    m_clear->setToolTip(tr("Remove every item."));
    m_error->setObjectName(QStringLiteral("rerankItemsError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(new QLabel(tr("Items"), this));
    buttons->addStretch();
    buttons->addWidget(m_paste);
    buttons->addWidget(m_clear);
    buttons->addWidget(m_toggle);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Query"), this));
    layout->addWidget(m_query);
    layout->addLayout(buttons);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_error);

    connect(m_query, &QLineEdit::returnPressed, this, &RerankItemsEditor::runRequested);
    m_table->installEventFilter(this); // Delete removes the current row

    connect(m_table, &QTableWidget::itemChanged, this, [this] {
        if (m_filling)
            return;
        ensureTrailingEmptyRow();
        Q_EMIT itemsChanged();
    });
    connect(m_json, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_filling && isJsonMode())
            Q_EMIT itemsChanged();
    });
    connect(m_toggle, &QPushButton::clicked, this, [this](bool json) {
        if (!setJsonMode(json))
            m_toggle->setChecked(true);
    });
    connect(m_paste, &QPushButton::clicked, this, [this] {
        const QString error = pasteText(QApplication::clipboard()->text());
        if (!error.isEmpty()) {
            m_error->setText(error);
            m_error->show();
        }
    });
    connect(m_clear, &QPushButton::clicked, this, [this] { setItems({}); });

    fillTable({});
}

QString RerankItemsEditor::query() const
{
    return m_query->text();
}

void RerankItemsEditor::setQuery(const QString &query)
{
    m_query->setText(query);
}

bool RerankItemsEditor::isJsonMode() const
{
    return m_stack->currentWidget() == m_json;
}

QStringList RerankItemsEditor::tableItems() const
{
    QStringList out;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem *item = m_table->item(row, kTextColumn);
        if (item && !item->text().trimmed().isEmpty())
            out << item->text();
    }
    return out;
}

QStringList RerankItemsEditor::items(QString *error) const
{
    if (!isJsonMode())
        return tableItems();
    QString parseError;
    const QStringList parsed = parseItemsJson(m_json->toPlainText(), &parseError);
    if (error)
        *error = parseError;
    return parseError.isEmpty() ? parsed : tableItems();
}

void RerankItemsEditor::setItems(const QStringList &items)
{
    fillTable(items);
    if (isJsonMode()) {
        m_filling = true;
        m_json->setPlainText(itemsJson(items));
        m_filling = false;
    }
    m_error->hide();
    Q_EMIT itemsChanged();
}

QString RerankItemsEditor::pasteText(const QString &text)
{
    // The items are rewritten from what is being edited: JSON that does not parse would be
    // replaced by the last good items, losing what the user typed.
    if (isJsonMode()) {
        QString current;
        parseItemsJson(m_json->toPlainText(), &current);
        if (!current.isEmpty())
            return tr("Fix the JSON before pasting: %1").arg(current);
    }
    QStringList added;
    if (text.trimmed().startsWith(QLatin1Char('['))) {
        QString error;
        added = parseItemsJson(text, &error);
        if (!error.isEmpty())
            return error;
    } else {
        for (const QString &line : text.split(QLatin1Char('\n'))) {
            QString item = line;
            if (item.endsWith(QLatin1Char('\r')))
                item.chop(1);
            if (!item.trimmed().isEmpty())
                added << item;
        }
    }
    QString error;
    setItems(items(&error) + added);
    return QString();
}

bool RerankItemsEditor::setJsonMode(bool json)
{
    if (json == isJsonMode())
        return true;
    if (json) {
        m_filling = true;
        m_json->setPlainText(itemsJson(tableItems()));
        m_filling = false;
        m_stack->setCurrentWidget(m_json);
    } else {
        QString error;
        const QStringList parsed = parseItemsJson(m_json->toPlainText(), &error);
        if (!error.isEmpty()) {
            m_error->setText(tr("The JSON stays open until it is a valid array: %1").arg(error));
            m_error->show();
            return false;
        }
        fillTable(parsed);
        m_stack->setCurrentWidget(m_table);
    }
    m_error->hide();
    m_toggle->setChecked(json);
    return true;
}

void RerankItemsEditor::removeRow(int row)
{
    if (row < 0 || row >= m_table->rowCount() - 1)
        return;
    m_table->removeRow(row);
    Q_EMIT itemsChanged();
}

QString RerankItemsEditor::itemsJson(const QStringList &items)
{
    api::Json array = api::Json::array();
    for (const QString &item : items)
        array.push_back(toStdString(item));
    return prettyJson(array);
}

QStringList RerankItemsEditor::parseItemsJson(const QString &text, QString *error)
{
    error->clear();
    if (text.trimmed().isEmpty())
        return {};
    const api::Json parsed = api::Json::parse(toStdString(text), nullptr, false);
    if (parsed.is_discarded() || !parsed.is_array()) {
        *error = tr("Items must be a JSON array of strings or text parts.");
        return {};
    }
    QStringList out;
    for (size_t i = 0; i < parsed.size(); ++i) {
        const api::Json &v = parsed[i];
        if (v.is_string()) {
            out << toQString(v.get<std::string>());
            continue;
        }
        const bool textPart = v.is_object() && v.contains("text") && v["text"].is_string()
                              && (!v.contains("type") || v["type"] == "text");
        if (!textPart) {
            *error = v.is_object() && (v.contains("image_url") || v.value("type", "") == "image_url")
                         ? tr("Item %1 is an image: images are not supported here.").arg(i)
                         : tr("Item %1 is neither a string nor a text part.").arg(i);
            return {};
        }
        out << toQString(v["text"].get<std::string>());
    }
    return out;
}

bool RerankItemsEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Delete) { // while a cell is edited, its editor gets the keys
            removeRow(m_table->currentRow());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void RerankItemsEditor::fillTable(const QStringList &items)
{
    m_filling = true;
    m_table->setRowCount(0);
    for (const QString &text : items) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, kTextColumn, new QTableWidgetItem(text));
        addDeleteButton(row);
    }
    m_filling = false;
    ensureTrailingEmptyRow();
}

void RerankItemsEditor::ensureTrailingEmptyRow()
{
    const int rows = m_table->rowCount();
    const QTableWidgetItem *last = rows > 0 ? m_table->item(rows - 1, kTextColumn) : nullptr;
    if (rows > 0 && (!last || last->text().isEmpty()))
        return;
    const bool filling = m_filling;
    m_filling = true;
    if (rows > 0)
        addDeleteButton(rows - 1); // the row typed into is an item now
    m_table->insertRow(rows);
    m_table->setItem(rows, kTextColumn, new QTableWidgetItem);
    m_filling = filling;
}

void RerankItemsEditor::addDeleteButton(int row)
{
    if (m_table->cellWidget(row, kDeleteColumn))
        return;
    auto *button = new QToolButton(m_table);
    button->setText(QStringLiteral("✕"));
    button->setAutoRaise(true);
    button->setToolTip(tr("Remove this item"));
    button->setAccessibleName(tr("Remove item"));
    connect(button, &QToolButton::clicked, this, [this, button] {
        for (int r = 0; r < m_table->rowCount(); ++r)
            if (m_table->cellWidget(r, kDeleteColumn) == button)
                return removeRow(r);
    });
    m_table->setCellWidget(row, kDeleteColumn, button);
}

} // namespace wb::ui
