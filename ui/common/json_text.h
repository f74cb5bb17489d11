#pragma once

// Conversions between the API's JSON/std::string values and what widgets show.

#include "api/json_io.h"

#include <QString>

#include <optional>
#include <string>

namespace wb::ui {

inline QString toQString(const std::string &s) { return QString::fromStdString(s); }
inline std::string toStdString(const QString &s) { return s.toStdString(); }

//! Compact JSON; invalid UTF-8 in a source is replaced instead of throwing.
QString compactJson(const api::Json &value);
//! Indented JSON (two spaces) for detail views.
QString prettyJson(const api::Json &value);

//! A table cell: strings as-is, other values as compact JSON, null as empty; always one line and
//! cut at `maxChars` so a 100 kB cell does not slow down painting (the view elides the rest).
QString cellText(const api::Json &value, int maxChars = 300);

//! A string that holds a JSON object or array (chat messages are often stored that way), parsed;
//! nullopt for anything else, including scalars, so "42" stays a string.
std::optional<api::Json> embeddedJson(const std::string &text);

} // namespace wb::ui
