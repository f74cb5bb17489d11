#pragma once

// The form in which an api::Error leaves the server: a status in 400..599 (else 500), the title
// for that status, and for a 500 a generic detail (the real one is logged, never sent). Used for
// error answers and for the error event of a stream that has already started.

#include "api/error.h"

namespace wb::server {

api::Error publicError(api::Error e);

} // namespace wb::server
