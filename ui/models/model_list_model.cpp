#include "model_list_model.h"

#include "common/error_display.h"
#include "common/json_text.h"

#include "api/async.h"

#include <QBrush>
#include <QLocale>
#include <QPalette>

#include <algorithm>

namespace wb::ui {

ModelListModel::ModelListModel(api::StackApi &api, QObject *parent)
    : QAbstractTableModel(parent)
    , m_api(api)
{
}

int ModelListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_models.size());
}

int ModelListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ModelListModel::displayText(const ModelInfo &m, int column) const
{
    switch (column) {
    case IdColumn: return m.id;
    case TypeColumn: return m.modelType;
    case ProviderColumn: return providerText(m);
    case ArchitectureColumn: return m.architecture;
    case ParametersColumn: return m.parameters ? parameterCountText(*m.parameters) : QString();
    case ContextColumn: return m.contextLength ? QLocale().toString(*m.contextLength) : QString();
    case TokenizerColumn: return m.tokenizer;
    case SourceColumn: {
        const QString kind = sourceKindText(m);
        if (m.location.isEmpty())
            return kind;
        return kind.isEmpty() ? m.location : kind + QStringLiteral(" \u00B7 ") + m.location;
    }
    default: return {};
    }
}

QVariant ModelListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_models.size()))
        return {};
    const ModelInfo &m = m_models[size_t(index.row())];
    switch (role) {
    case ModelIdRole:
        return m.id;
    case Qt::DisplayRole:
        return displayText(m, index.column());
    case Qt::ToolTipRole:
        if (!m.error.isEmpty())
            return tr("This model cannot be used: %1").arg(m.error);
        if (index.column() == SourceColumn)
            return m.location;
        if (index.column() == ProviderColumn && !m.providerResourceId.isEmpty() && m.providerResourceId != m.id)
            return tr("%1, model “%2”").arg(m.providerId, m.providerResourceId);
        if (index.column() == ProviderColumn)
            return m.providerId;
        if (index.column() == ParametersColumn && m.parameters)
            return QLocale().toString(*m.parameters);
        return {};
    case Qt::ForegroundRole:
        // Greyed, not hidden: a broken folder should be seen and explained, not silently dropped.
        if (!m.error.isEmpty())
            return QBrush(QPalette().color(QPalette::Disabled, QPalette::Text));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == ParametersColumn || index.column() == ContextColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant ModelListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn: return tr("Id");
    case TypeColumn: return tr("Type");
    case ProviderColumn: return tr("Provider");
    case ArchitectureColumn: return tr("Architecture");
    case ParametersColumn: return tr("Parameters");
    case ContextColumn: return tr("Context");
    case TokenizerColumn: return tr("Tokenizer");
    case SourceColumn: return tr("Source");
    default: return {};
    }
}

void ModelListModel::refresh()
{
    const int generation = ++m_generation;
    if (!m_loading) {
        m_loading = true;
        Q_EMIT loadingChanged(true);
    }
    api::onResult(m_api.listModels(), this, [this, generation](const api::Result<api::OpenAIListModelsResponse> &r) {
        if (generation != m_generation)
            return; // a newer refresh is on its way
        m_loading = false;
        Q_EMIT loadingChanged(false);
        if (!r) {
            Q_EMIT errorOccurred(errorMessage(tr("Could not load the list of models."), r.error()));
            return;
        }
        beginResetModel();
        m_models.clear();
        m_models.reserve(r->data.size());
        for (const api::OpenAIModel &m : r->data)
            m_models.push_back(modelInfo(m));
        std::sort(m_models.begin(), m_models.end(),
                  [](const ModelInfo &a, const ModelInfo &b) { return a.id < b.id; });
        endResetModel();
        Q_EMIT listLoaded();
    });
}

int ModelListModel::rowOf(const QString &modelId) const
{
    for (size_t i = 0; i < m_models.size(); ++i)
        if (m_models[i].id == modelId)
            return int(i);
    return -1;
}

const ModelInfo *ModelListModel::model(int row) const
{
    return row >= 0 && row < int(m_models.size()) ? &m_models[size_t(row)] : nullptr;
}

const ModelInfo *ModelListModel::model(const QString &modelId) const
{
    return model(rowOf(modelId));
}

} // namespace wb::ui
