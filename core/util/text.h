#pragma once

// Small string helpers shared by the engine and the server (which must not include each other).

#include <string>

namespace wb::util {

//! ASCII lower case (scheme names, MIME types, extensions: never user text).
std::string lowerAscii(std::string s);
//! Without leading and trailing spaces and tabs.
std::string trimmedSpaces(const std::string &s);
//! The lower-cased scheme of a URI ("data", "https", "huggingface"); "" for a plain path, also
//! one that happens to contain ':' after a character no scheme may have. A one-letter result is a
//! Windows drive letter, i.e. a path too.
std::string uriScheme(const std::string &uri);

} // namespace wb::util
