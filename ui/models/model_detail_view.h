#pragma once

// The selected model in detail: its id, type and provider, then every metadata key and value (the
// chat template, the folder, the endpoint...). An API key is never shown, only whether one is set.

#include "model_info.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace wb::ui {

class ModelDetailView : public QWidget
{
    Q_OBJECT
public:
    explicit ModelDetailView(QWidget *parent);

    void setModel(const ModelInfo &model);
    void clear();

    //! The value shown for `key` (a metadata key, or "id", "model_type", "provider_id",
    //! "provider_resource_id"); empty when the row is absent.
    QString valueText(const QString &key) const;
    //! Every key shown, in order.
    QStringList keys() const;

private:
    void addRow(const QString &key, const QString &value);

    QLabel *m_title;
    QLabel *m_error;
    QTableWidget *m_table;
};

} // namespace wb::ui
