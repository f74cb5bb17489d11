#include "util/text.h"

#include <algorithm>
#include <cctype>

namespace wb::util {

std::string lowerAscii(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

std::string trimmedSpaces(const std::string &s)
{
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos)
        return {};
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

std::string uriScheme(const std::string &uri)
{
    const auto colon = uri.find(':');
    if (colon == std::string::npos)
        return {};
    std::string scheme = uri.substr(0, colon);
    for (char c : scheme)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.'))
            return {};
    return lowerAscii(scheme);
}

} // namespace wb::util
