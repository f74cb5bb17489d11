#pragma once

// A read-only, monospace view of a JSON value, indented.

#include "api/json_io.h"

#include <QPlainTextEdit>

namespace wb::ui {

class JsonView : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit JsonView(QWidget *parent = nullptr);

    void setJson(const api::Json &value);
    //! Shows `text` pretty-printed if it is JSON, otherwise as it is.
    void setJsonText(const QString &text);
};

} // namespace wb::ui
