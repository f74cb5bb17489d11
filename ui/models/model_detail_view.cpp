#include "model_detail_view.h"

#include "common/json_text.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace wb::ui {

namespace {
//! Tooltips of long values (a chat template) are cut here: a tooltip is not a text editor.
constexpr int kMaxTooltipChars = 4000;
} // namespace

ModelDetailView::ModelDetailView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_error(new QLabel(this))
    , m_table(new QTableWidget(0, 2, this))
{
    setObjectName(QStringLiteral("modelDetailView"));
    m_title->setObjectName(QStringLiteral("modelDetailTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_error->setObjectName(QStringLiteral("modelDetailError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_error->hide();

    m_table->setObjectName(QStringLiteral("modelDetailTable"));
    m_table->setHorizontalHeaderLabels({tr("Key"), tr("Value")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setColumnWidth(0, 150);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_error);
    layout->addWidget(m_table);
    clear();
}

void ModelDetailView::clear()
{
    m_title->setText(tr("No model selected."));
    m_error->hide();
    m_table->setRowCount(0);
}

void ModelDetailView::setModel(const ModelInfo &model)
{
    m_title->setText(model.id);
    m_error->setText(tr("This model cannot be used: %1").arg(model.error));
    m_error->setVisible(!model.error.isEmpty());
    m_table->setRowCount(0);
    addRow(QStringLiteral("id"), model.id);
    addRow(QStringLiteral("model_type"), model.modelType);
    addRow(QStringLiteral("provider_id"), model.providerId);
    if (!model.providerResourceId.isEmpty() && model.providerResourceId != model.id)
        addRow(QStringLiteral("provider_resource_id"), model.providerResourceId);
    for (auto it = model.metadata.begin(); it != model.metadata.end(); ++it)
        addRow(toQString(it.key()), metadataValueText(it.key(), it.value()));
}

void ModelDetailView::addRow(const QString &key, const QString &value)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(key));
    // One line in the cell (a chat template has dozens); the whole text in the tooltip.
    QString line = value.section(QLatin1Char('\n'), 0, 0);
    if (line.size() < value.size())
        line += QStringLiteral(" \u2026");
    auto *item = new QTableWidgetItem(line);
    item->setData(Qt::UserRole, value);
    item->setToolTip(value.size() > kMaxTooltipChars ? value.left(kMaxTooltipChars) + QChar(0x2026) : value);
    m_table->setItem(row, 1, item);
}

QString ModelDetailView::valueText(const QString &key) const
{
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (m_table->item(row, 0)->text() == key)
            return m_table->item(row, 1)->data(Qt::UserRole).toString();
    return {};
}

QStringList ModelDetailView::keys() const
{
    QStringList out;
    for (int row = 0; row < m_table->rowCount(); ++row)
        out << m_table->item(row, 0)->text();
    return out;
}

} // namespace wb::ui
