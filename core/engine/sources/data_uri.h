#pragma once

// RFC 2397 data: URIs — `data:[<mime>][;charset=<cs>][;base64],<data>`.

#include "api/result.h"

#include <cstddef>
#include <string>

namespace wb::engine {

struct DataUri
{
    std::string mimeType; //!< "text/csv"; "text/plain" when absent
    std::string charset;  //!< as given, "" when absent
    std::string bytes;    //!< decoded payload, converted to UTF-8 when a charset was given
};

//! Decodes base64 or percent-encoded payloads. Malformed URI or payload → 400; a decoded payload
//! larger than `maxDecodedBytes` → 413 (checked before decoding, from the encoded length).
api::Result<DataUri> parseDataUri(const std::string &uri, size_t maxDecodedBytes);

} // namespace wb::engine
