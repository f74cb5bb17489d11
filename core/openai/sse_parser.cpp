#include "openai/sse_parser.h"

namespace wb::openai {

std::vector<SseEvent> SseParser::feed(const QByteArray &bytes)
{
    std::vector<SseEvent> out;
    if (m_overflow)
        return out;
    int i = 0;
    if (!m_started) {
        // The BOM may itself arrive split; wait until three bytes (or a non-BOM byte) are here.
        m_line += bytes;
        static const QByteArray bom("\xEF\xBB\xBF");
        if (m_line.size() < 3 && bom.startsWith(m_line))
            return out;
        m_started = true;
        const QByteArray pending = m_line.startsWith(bom) ? m_line.mid(3) : m_line;
        m_line.clear();
        return feed(pending);
    }
    const int n = int(bytes.size());
    while (i < n) {
        if (m_skipLf) {
            m_skipLf = false;
            if (bytes[i] == '\n') {
                ++i;
                continue;
            }
        }
        // Copy up to the next line break in one go.
        int j = i;
        while (j < n && bytes[j] != '\n' && bytes[j] != '\r')
            ++j;
        m_line.append(bytes.constData() + i, j - i);
        if (m_line.size() > maxLineBytes) {
            m_overflow = true;
            m_line.clear();
            return out;
        }
        if (j == n)
            break;
        m_skipLf = bytes[j] == '\r';
        line(m_line, out);
        m_line.clear();
        i = j + 1;
    }
    return out;
}

std::vector<SseEvent> SseParser::finish()
{
    std::vector<SseEvent> out;
    if (m_overflow)
        return out;
    if (!m_line.isEmpty()) {
        line(m_line, out);
        m_line.clear();
    }
    dispatch(out);
    return out;
}

void SseParser::line(const QByteArray &text, std::vector<SseEvent> &out)
{
    if (text.isEmpty()) {
        dispatch(out);
        return;
    }
    if (text.startsWith(':'))
        return; // a comment
    const int colon = text.indexOf(':');
    const QByteArray field = colon < 0 ? text : text.left(colon);
    QByteArray value = colon < 0 ? QByteArray() : text.mid(colon + 1);
    if (value.startsWith(' '))
        value.remove(0, 1);
    if (field == "data") {
        if (m_hasData)
            m_pending.data += '\n';
        m_pending.data += value;
        m_hasData = true;
    } else if (field == "event") {
        m_pending.event = value;
    } else if (field == "id") {
        m_pending.id = value;
    }
    // `retry` and unknown fields are ignored.
}

void SseParser::dispatch(std::vector<SseEvent> &out)
{
    if (m_hasData)
        out.push_back(std::move(m_pending));
    m_pending = SseEvent{};
    m_hasData = false;
}

} // namespace wb::openai
