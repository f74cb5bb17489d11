#pragma once

// Server-sent events (the `text/event-stream` of streamed completions), parsed incrementally as
// the bytes arrive: an event may be split across reads anywhere, even inside a CRLF.
//
// Follows the WHATWG event-stream rules that matter here: lines end in LF, CRLF or CR; a line
// starting with ':' is a comment (keep-alives); `data:` lines accumulate, joined by '\n'; an empty
// line dispatches the event (nothing when it has no data); one space after the colon is dropped;
// a UTF-8 BOM at the very start is skipped. `[DONE]` is just data: recognising it is the caller's
// business.

#include <QByteArray>

#include <vector>

namespace wb::openai {

struct SseEvent
{
    QByteArray event; //!< the `event:` field; empty means "message"
    QByteArray data;  //!< the `data:` lines joined by '\n'
    QByteArray id;

    bool operator==(const SseEvent &o) const
    {
        return event == o.event && data == o.data && id == o.id;
    }
};

class SseParser
{
public:
    //! Parses `bytes` and returns the events they complete, in order.
    std::vector<SseEvent> feed(const QByteArray &bytes);
    //! The end of the stream: a last event not followed by an empty line is dispatched anyway
    //! (servers that close right after the data line lose nothing).
    std::vector<SseEvent> finish();

    //! True once a single line grew beyond maxLineBytes (a broken or hostile stream); the parser
    //! then drops the rest.
    bool overflowed() const { return m_overflow; }
    static constexpr int maxLineBytes = 64 << 20;

private:
    void line(const QByteArray &text, std::vector<SseEvent> &out);
    void dispatch(std::vector<SseEvent> &out);

    QByteArray m_line;        //!< the unfinished line
    bool m_skipLf = false;    //!< the last byte was CR: a following LF belongs to it
    bool m_started = false;   //!< past the optional BOM
    bool m_overflow = false;
    bool m_hasData = false;
    SseEvent m_pending;
};

} // namespace wb::openai
