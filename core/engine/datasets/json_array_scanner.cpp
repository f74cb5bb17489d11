#include "engine/datasets/json_array_scanner.h"

#include "engine/datasets/csv_parser.h"

#include <vector>

namespace wb::engine {
namespace {

enum class State { BeforeArray, BeforeElement, InElement, AfterElement, AfterArray };

inline bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

const char *valueKind(char first)
{
    switch (first) {
    case '"': return "a string";
    case '[': return "an array";
    case 't': case 'f': return "a boolean";
    case 'n': return "null";
    default: return (first == '-' || (first >= '0' && first <= '9')) ? "a number" : "not valid JSON";
    }
}

} // namespace

api::Result<uint64_t> scanJsonArrayRows(QFile &source, uint64_t size, OffsetWriter &out,
                                        const std::string &displayName)
{
    auto errorAt = [&](uint64_t pos, const std::string &what) {
        return api::Error::badRequest(displayName + ", line "
                                      + std::to_string(lineNumberAt(source.fileName(), pos)) + ": "
                                      + what);
    };

    std::vector<char> buffer(size_t(std::min<uint64_t>(8 << 20, std::max<uint64_t>(size, 1))));
    State state = State::BeforeArray;
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    uint64_t element = 0;
    uint64_t closingBracket = 0;
    uint64_t base = 0;

    while (base < size) {
        const qint64 want = qint64(std::min<uint64_t>(buffer.size(), size - base));
        const qint64 got = source.read(buffer.data(), want);
        if (got <= 0)
            return api::Error::badRequest(displayName + " cannot be read: "
                                          + source.errorString().toStdString());
        const char *b = buffer.data();
        const char *e = b + got;
        const char *p = b + (base == 0 ? utf8BomLength(b, size_t(got)) : 0);
        for (; p < e; ++p) {
            const char c = *p;
            if (state == State::InElement) {
                if (inString) {
                    if (escaped)
                        escaped = false;
                    else if (c == '\\')
                        escaped = true;
                    else if (c == '"')
                        inString = false;
                } else if (c == '"') {
                    inString = true;
                } else if (c == '{' || c == '[') {
                    ++depth;
                } else if (c == '}' || c == ']') {
                    if (--depth == 0) {
                        state = State::AfterElement;
                        ++element;
                    }
                }
                continue;
            }
            if (isJsonSpace(c))
                continue;
            const uint64_t pos = base + uint64_t(p - b);
            switch (state) {
            case State::BeforeArray:
                if (c != '[')
                    return errorAt(pos, "expected a top-level JSON array of objects");
                state = State::BeforeElement;
                break;
            case State::BeforeElement:
                if (c == ']' && element == 0) { // the empty array; "[1,]" is caught below
                    state = State::AfterArray;
                    closingBracket = pos;
                    break;
                }
                if (c != '{')
                    return errorAt(pos, "array element " + std::to_string(element) + " is "
                                            + valueKind(c) + ", expected a JSON object");
                out.add(pos);
                state = State::InElement;
                depth = 1;
                break;
            case State::AfterElement:
                if (c == ',') {
                    state = State::BeforeElement;
                } else if (c == ']') {
                    state = State::AfterArray;
                    closingBracket = pos;
                } else {
                    return errorAt(pos, "expected ',' or ']' after array element "
                                            + std::to_string(element - 1));
                }
                break;
            case State::AfterArray:
                return errorAt(pos, "unexpected text after the JSON array");
            case State::InElement:
                break;
            }
        }
        base += uint64_t(got);
        if (out.failed())
            return api::Error::internal("cannot write the row index");
    }
    if (state != State::AfterArray)
        return api::Error::badRequest(displayName + ", line "
                                      + std::to_string(lineNumberAt(source.fileName(), size))
                                      + ": unexpected end of file inside the JSON array");
    return closingBracket;
}

std::string_view trimJsonArrayElement(std::string_view range)
{
    while (!range.empty() && (isJsonSpace(range.back()) || range.back() == ','))
        range.remove_suffix(1);
    return range;
}

} // namespace wb::engine
