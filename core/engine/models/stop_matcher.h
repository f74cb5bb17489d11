#pragma once

// Stop strings over streamed text. Generation emits text piece by piece, and a stop string may
// span pieces (tokens), so text that could still be the start of a stop string is held back until
// the next pieces decide: either the stop string completes (the text is cut before it and the
// sequence ends) or it cannot any more (the held text is released).
//
// Works on UTF-8 bytes. Fed complete characters (StreamingDecoder's output) and valid UTF-8 stop
// strings, it never cuts inside a character: a stop string starts with a lead byte.

#include <string>
#include <string_view>
#include <vector>

namespace wb::engine {

class StopMatcher
{
public:
    //! Empty stop strings are ignored (they would match everywhere).
    explicit StopMatcher(std::vector<std::string> stops);

    //! Adds `text`; returns what became final. Once a stop string has been found the rest is
    //! dropped: stopped() is true and later pushes return nothing.
    std::string push(std::string_view text);
    //! At the end of the sequence: the text still held back (none after a stop).
    std::string flush();

    bool stopped() const { return m_stopped; }
    //! The text held back right now (for tests).
    const std::string &held() const { return m_held; }

private:
    std::vector<std::string> m_stops;
    std::string m_held;
    bool m_stopped = false;
};

} // namespace wb::engine
