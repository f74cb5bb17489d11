#pragma once

// The models the backend knows (local folders, the Hugging Face cache, registered folders and
// endpoints) as a table: id, type, provider, architecture, parameters, context length, tokenizer,
// source. A model whose folder cannot be loaded (metadata.error) stays listed, greyed, with the
// error as its tooltip, so the user sees why it is not usable.

#include "model_info.h"

#include "api/stack_api.h"

#include <QAbstractTableModel>

#include <vector>

namespace wb::ui {

class ModelListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        IdColumn,
        TypeColumn,
        ProviderColumn,
        ArchitectureColumn,
        ParametersColumn,
        ContextColumn,
        TokenizerColumn,
        SourceColumn,
        ColumnCount
    };
    static constexpr int ModelIdRole = Qt::UserRole + 1;

    ModelListModel(api::StackApi &api, QObject *parent);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    //! Reloads the list; listLoaded() or errorOccurred() follows.
    void refresh();

    bool isLoading() const { return m_loading; }
    int rowOf(const QString &modelId) const; //!< -1 when absent
    const ModelInfo *model(int row) const;
    const ModelInfo *model(const QString &modelId) const;

Q_SIGNALS:
    void loadingChanged(bool loading);
    void listLoaded();
    //! A readable message (see errorMessage()); the view decides how to show it.
    void errorOccurred(const QString &message);

private:
    QVariant displayText(const ModelInfo &m, int column) const;

    api::StackApi &m_api;
    std::vector<ModelInfo> m_models;
    bool m_loading = false;
    int m_generation = 0; //!< answers to an older refresh() are dropped
};

} // namespace wb::ui
