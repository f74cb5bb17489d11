#pragma once

// Turns an api::Error into a message a person can act on. Views and dialogs show it (message box or
// inline label); models only pass the text on through their error signals.

#include "api/error.h"

#include <QString>

class QWidget;

namespace wb::ui {

//! "Not Found (404): Dataset 'x' not found" plus a hint for the statuses that have a usual cause.
QString errorMessage(const api::Error &error);

//! `what` is the failed action ("Could not load the datasets."); the error follows on its own line.
QString errorMessage(const QString &what, const api::Error &error);

//! A warning box with errorMessage(what, error). For views and dialogs only, never models.
void showError(QWidget *parent, const QString &what, const api::Error &error);
void showError(QWidget *parent, const QString &message);

} // namespace wb::ui
