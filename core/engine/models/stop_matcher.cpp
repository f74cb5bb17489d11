#include "stop_matcher.h"

#include <algorithm>
#include <utility>

namespace wb::engine {

StopMatcher::StopMatcher(std::vector<std::string> stops)
{
    for (std::string &s : stops)
        if (!s.empty())
            m_stops.push_back(std::move(s));
}

std::string StopMatcher::push(std::string_view text)
{
    if (m_stopped)
        return {};
    m_held.append(text);
    if (m_stops.empty())
        return std::exchange(m_held, {});

    // The earliest complete stop string ends the sequence. No stop string can start in text
    // already released: it would have been held back as a possible prefix.
    size_t cut = std::string::npos;
    for (const std::string &s : m_stops)
        cut = std::min(cut, m_held.find(s));
    if (cut != std::string::npos) {
        m_stopped = true;
        std::string out = m_held.substr(0, cut);
        m_held.clear();
        return out;
    }

    // Hold back the longest tail that is the beginning of some stop string (shorter such tails
    // are inside it). A tail as long as a whole stop string would have been found above.
    size_t hold = 0;
    for (const std::string &s : m_stops) {
        const size_t longest = std::min(s.size() - 1, m_held.size());
        for (size_t n = longest; n > hold; --n) {
            if (m_held.compare(m_held.size() - n, n, s, 0, n) == 0) {
                hold = n;
                break;
            }
        }
    }
    std::string out = m_held.substr(0, m_held.size() - hold);
    m_held.erase(0, m_held.size() - hold);
    return out;
}

std::string StopMatcher::flush()
{
    return std::exchange(m_held, {});
}

} // namespace wb::engine
