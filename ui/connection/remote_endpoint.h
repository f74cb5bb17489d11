#pragma once

// How the UI asks for a remote StackApi without knowing which class implements it: app/ hands the
// UI a RemoteApiFactory (in practice one that builds a remote::RemoteClient), so the decision of
// what sits behind the interface stays in app/ and ui/ depends on core/api only.

#include "api/stack_api.h"

#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

namespace wb::ui {

struct RemoteEndpoint
{
    QUrl url;
    QString token;  //!< empty: no Authorization header
    QString caFile; //!< empty: system CAs only
};

using RemoteApiFactory = std::function<std::unique_ptr<api::StackApi>(const RemoteEndpoint &)>;

} // namespace wb::ui
