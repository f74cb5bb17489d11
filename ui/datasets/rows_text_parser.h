#pragma once

// Parses rows a user pasted: a JSON array of objects, one object, or JSONL (one object per line).
// Errors name the line (and column) so the dialog can point at it before anything is sent.

#include "api/json_io.h"

#include <QString>

#include <vector>

namespace wb::ui {

struct ParsedRows
{
    std::vector<api::JsonObject> rows;
    QString error;      //!< empty when the text parsed
    int errorLine = 0;  //!< 1-based; 0 when the error has no line (e.g. empty text)

    bool ok() const { return error.isEmpty(); }
};

ParsedRows parseRowsText(const QString &text);

//! A JSON object for metadata; an empty text is an empty object.
ParsedRows parseObjectText(const QString &text);

} // namespace wb::ui
