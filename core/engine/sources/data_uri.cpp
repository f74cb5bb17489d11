#include "engine/sources/data_uri.h"

#include "util/text.h"

#include <QByteArray>
#include <QStringDecoder>

#include <algorithm>
#include <cctype>

namespace wb::engine {
namespace {

using util::lowerAscii;
using util::trimmedSpaces;

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

//! %XX → byte; any other character is taken as is. A '%' not followed by two hex digits is an
//! error rather than a literal, so a truncated URI does not silently lose data.
api::Result<std::string> percentDecode(const std::string &text)
{
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out.push_back(text[i]);
            continue;
        }
        const int hi = i + 1 < text.size() ? hexValue(text[i + 1]) : -1;
        const int lo = i + 2 < text.size() ? hexValue(text[i + 2]) : -1;
        if (hi < 0 || lo < 0)
            return api::Error::badRequest("data: URI has an invalid percent-encoding at position "
                                          + std::to_string(i));
        out.push_back(char(hi * 16 + lo));
        i += 2;
    }
    return out;
}

size_t estimatedDecodedSize(const std::string &payload, bool base64)
{
    if (!base64) {
        const auto escapes = size_t(std::count(payload.begin(), payload.end(), '%'));
        return payload.size() - std::min(payload.size(), escapes * 2);
    }
    size_t padding = 0;
    for (auto it = payload.rbegin(); it != payload.rend() && *it == '=' && padding < 2; ++it)
        ++padding;
    return payload.size() / 4 * 3 + (payload.size() % 4) * 3 / 4 - std::min(padding, payload.size() / 4 * 3);
}

api::Result<std::string> toUtf8(const std::string &bytes, const std::string &charset)
{
    const std::string cs = lowerAscii(charset);
    if (cs.empty() || cs == "utf-8" || cs == "utf8")
        return bytes;
    if (cs == "us-ascii" || cs == "ascii") { // a subset of UTF-8: only check it
        if (std::any_of(bytes.begin(), bytes.end(), [](char c) { return (unsigned char)c >= 0x80; }))
            return api::Error::badRequest("data: URI payload is not valid " + charset);
        return bytes;
    }
    QStringDecoder decoder(charset.c_str());
    if (!decoder.isValid())
        return api::Error::badRequest("data: URI has an unknown charset '" + charset + "'");
    const QString text = decoder.decode(QByteArrayView(bytes.data(), qsizetype(bytes.size())));
    if (decoder.hasError())
        return api::Error::badRequest("data: URI payload is not valid " + charset);
    return text.toStdString();
}

} // namespace

api::Result<DataUri> parseDataUri(const std::string &uri, size_t maxDecodedBytes)
{
    if (lowerAscii(uri.substr(0, 5)) != "data:")
        return api::Error::badRequest("not a data: URI");
    const auto comma = uri.find(',', 5);
    if (comma == std::string::npos)
        return api::Error::badRequest("data: URI has no ',' before its data");

    DataUri result;
    bool base64 = false;
    const std::string header = uri.substr(5, comma - 5);
    size_t pos = 0;
    for (int part = 0; pos <= header.size(); ++part) {
        const auto semi = header.find(';', pos);
        const std::string token = trimmedSpaces(header.substr(pos, semi == std::string::npos ? std::string::npos : semi - pos));
        pos = semi == std::string::npos ? header.size() + 1 : semi + 1;
        if (part == 0) {
            if (token.empty())
                continue;
            const auto slash = token.find('/');
            if (slash == std::string::npos || slash == 0 || slash + 1 == token.size()
                || token.find('=') != std::string::npos)
                return api::Error::badRequest("data: URI has an invalid media type '" + token + "'");
            result.mimeType = lowerAscii(token);
            continue;
        }
        if (lowerAscii(token) == "base64") {
            if (semi != std::string::npos) // RFC 2397: ";base64" is the last parameter
                return api::Error::badRequest("data: URI has ';base64' before other parameters");
            base64 = true;
            continue;
        }
        const auto eq = token.find('=');
        if (eq == std::string::npos || eq == 0)
            return api::Error::badRequest("data: URI has an invalid parameter '" + token + "'");
        if (lowerAscii(token.substr(0, eq)) == "charset") {
            auto value = percentDecode(token.substr(eq + 1));
            if (!value)
                return value.error();
            result.charset = value.value();
        }
    }
    if (result.mimeType.empty())
        result.mimeType = "text/plain";

    const std::string payload = uri.substr(comma + 1);
    const size_t estimate = estimatedDecodedSize(payload, base64);
    if (estimate > maxDecodedBytes)
        return api::Error::tooLarge("data: URI payload is about " + std::to_string(estimate)
                                    + " bytes, more than the limit of "
                                    + std::to_string(maxDecodedBytes));

    std::string decoded;
    if (base64) {
        // Some writers percent-encode '+', '/' and '='; undo that before decoding.
        std::string text = payload;
        if (text.find('%') != std::string::npos) {
            auto unescaped = percentDecode(text);
            if (!unescaped)
                return unescaped.error();
            text = std::move(unescaped.value());
        }
        const auto bytes = QByteArray::fromBase64Encoding(
            QByteArray::fromStdString(text), QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
        if (!bytes)
            return api::Error::badRequest("data: URI has invalid base64 data");
        decoded = bytes.decoded.toStdString();
    } else {
        auto bytes = percentDecode(payload);
        if (!bytes)
            return bytes.error();
        decoded = std::move(bytes.value());
    }
    if (decoded.size() > maxDecodedBytes) // the estimate is exact for well-formed data; be sure
        return api::Error::tooLarge("data: URI payload is " + std::to_string(decoded.size())
                                    + " bytes, more than the limit of " + std::to_string(maxDecodedBytes));

    auto utf8 = toUtf8(decoded, result.charset);
    if (!utf8)
        return utf8.error();
    result.bytes = std::move(utf8.value());
    return result;
}

} // namespace wb::engine
