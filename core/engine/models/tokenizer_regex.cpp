#include "tokenizer_regex.h"

#include "unicode.h"

#include <QChar>

namespace wb::engine {

// Recursive-descent parser for the supported subset; see the header.
class RegexParser
{
public:
    RegexParser(const std::u32string &p, SplitRegex &re) : m_p(p), m_re(re) {}

    bool parse(std::string &error)
    {
        m_re.m_alts.emplace_back();
        parseAlt(0, false);
        if (m_error.empty() && m_pos != m_p.size())
            fail("unbalanced ')'");
        if (!m_error.empty()) {
            error = m_error + " at offset " + std::to_string(m_pos);
            return false;
        }
        return true;
    }

private:
    void fail(const std::string &what)
    {
        if (m_error.empty())
            m_error = what;
    }
    bool atEnd() const { return m_pos >= m_p.size(); }
    char32_t peek() const { return atEnd() ? 0 : m_p[m_pos]; }

    void parseAlt(int index, bool ci)
    {
        for (;;) {
            SplitRegex::Seq seq;
            while (!atEnd() && peek() != '|' && peek() != ')' && m_error.empty()) {
                SplitRegex::Node n = parseAtom(ci);
                parseQuantifier(n);
                seq.push_back(std::move(n));
            }
            m_re.m_alts[index].push_back(std::move(seq));
            if (!m_error.empty() || atEnd() || peek() != '|')
                return;
            ++m_pos;
        }
    }

    void parseQuantifier(SplitRegex::Node &n)
    {
        if (atEnd())
            return;
        const char32_t c = peek();
        if (c == '?') { n.min = 0; n.max = 1; }
        else if (c == '*') { n.min = 0; n.max = -1; }
        else if (c == '+') { n.min = 1; n.max = -1; }
        else if (c == '{') {
            ++m_pos;
            n.min = parseNumber();
            n.max = n.min;
            if (peek() == ',') {
                ++m_pos;
                n.max = peek() == '}' ? -1 : parseNumber();
            }
            if (peek() != '}')
                return fail("bad {m,n} quantifier");
        } else {
            return;
        }
        ++m_pos;
        if (peek() == '?' || peek() == '+')
            fail("lazy and possessive quantifiers are not supported");
        if (n.kind == SplitRegex::Node::LookAhead || n.kind == SplitRegex::Node::NegLookAhead)
            fail("quantified lookahead");
    }

    int parseNumber()
    {
        int v = 0;
        bool any = false;
        while (!atEnd() && peek() >= '0' && peek() <= '9') {
            v = v * 10 + int(peek() - '0');
            ++m_pos;
            any = true;
        }
        if (!any)
            fail("number expected");
        return v;
    }

    SplitRegex::Node parseAtom(bool ci)
    {
        SplitRegex::Node n;
        n.set.caseInsensitive = ci;
        const char32_t c = peek();
        ++m_pos;
        if (c == '(') {
            n.kind = SplitRegex::Node::Group;
            bool groupCi = ci;
            if (peek() == '?') {
                ++m_pos;
                const char32_t k = peek();
                ++m_pos;
                if (k == ':') {
                } else if (k == '=') {
                    n.kind = SplitRegex::Node::LookAhead;
                } else if (k == '!') {
                    n.kind = SplitRegex::Node::NegLookAhead;
                } else if (k == 'i' && peek() == ':') {
                    ++m_pos;
                    groupCi = true;
                } else {
                    fail("unsupported group syntax");
                    return n;
                }
            }
            n.alt = int(m_re.m_alts.size());
            m_re.m_alts.emplace_back();
            parseAlt(n.alt, groupCi);
            if (peek() != ')')
                fail("missing ')'");
            else
                ++m_pos;
        } else if (c == '[') {
            parseClass(n.set);
        } else if (c == '\\') {
            parseEscape(n.set);
        } else if (c == '.') {
            n.set.negated = true; // any character except a line feed, as in Oniguruma and JS
            n.set.ranges.push_back({'\n', '\n'});
        } else if (c == '^' || c == '$' || c == ')' || c == '*' || c == '+' || c == '?') {
            fail("unsupported or misplaced '" + std::string(1, char(c)) + "'");
        } else {
            n.set.ranges.push_back({c, c});
        }
        return n;
    }

    // One escape, added to `set`; returns the literal code point for class ranges (0 if a class).
    char32_t parseEscape(SplitRegex::CharSet &set)
    {
        if (atEnd()) {
            fail("trailing backslash");
            return 0;
        }
        const char32_t c = peek();
        ++m_pos;
        char32_t lit = 0;
        switch (c) {
        case 'r': lit = '\r'; break;
        case 'n': lit = '\n'; break;
        case 't': lit = '\t'; break;
        case 'f': lit = '\f'; break;
        case 'v': lit = '\v'; break;
        case 's': set.props |= unicode::Space; return 0;
        case 'S': set.notProps |= unicode::Space; return 0;
        case 'd': set.ranges.push_back({'0', '9'}); return 0;
        case 'w':
            set.props |= unicode::Letter | unicode::Number;
            set.ranges.push_back({'_', '_'});
            return 0;
        case 'p':
        case 'P': {
            const uint8_t prop = parseProperty();
            if (c == 'p') set.props |= prop; else set.notProps |= prop;
            return 0;
        }
        default:
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                fail("unsupported escape \\" + std::string(1, char(c)));
                return 0;
            }
            lit = c; // escaped punctuation stands for itself
        }
        set.ranges.push_back({lit, lit});
        return lit;
    }

    uint8_t parseProperty()
    {
        std::u32string name;
        if (peek() == '{') {
            ++m_pos;
            while (!atEnd() && peek() != '}')
                name.push_back(m_p[m_pos++]);
            ++m_pos;
        } else if (!atEnd()) {
            name.push_back(m_p[m_pos++]);
        }
        if (name == U"L" || name == U"Letter") return unicode::Letter;
        if (name == U"N" || name == U"Number") return unicode::Number;
        fail("unsupported property \\p{" + unicode::encodeUtf8(name) + "}");
        return 0;
    }

    void parseClass(SplitRegex::CharSet &set)
    {
        if (peek() == '^') {
            set.negated = true;
            ++m_pos;
        }
        bool first = true;
        while (!atEnd() && (peek() != ']' || first)) {
            first = false;
            char32_t lo;
            const char32_t c = m_p[m_pos++];
            if (c == '[') {
                fail("nested classes are not supported");
                return;
            }
            if (c == '\\') {
                const size_t before = set.ranges.size();
                lo = parseEscape(set);
                if (!lo)
                    continue;
                set.ranges.resize(before); // re-added below, possibly as a range
            } else {
                lo = c;
            }
            char32_t hi = lo;
            if (peek() == '-' && m_pos + 1 < m_p.size() && m_p[m_pos + 1] != ']') {
                ++m_pos;
                hi = m_p[m_pos++];
                if (hi == '\\') {
                    SplitRegex::CharSet tmp;
                    hi = parseEscape(tmp);
                    if (!hi)
                        return fail("bad class range");
                }
            }
            set.ranges.push_back({lo, hi});
        }
        if (atEnd())
            return fail("missing ']'");
        ++m_pos;
    }

    const std::u32string &m_p;
    SplitRegex &m_re;
    size_t m_pos = 0;
    std::string m_error;
};

namespace {
// Case-insensitive sets of a few literals (the (?i:'s|'t|...) contractions) get their case
// variants added as plain ranges, so matching needs no case folding at run time.
void expandCase(SplitRegex::CharSet &set)
{
    if (!set.caseInsensitive)
        return;
    std::vector<std::pair<char32_t, char32_t>> extra;
    for (const auto &[lo, hi] : set.ranges) {
        if (hi - lo > 64)
            return; // a large range keeps run-time folding
        for (char32_t c = lo; c <= hi; ++c) {
            for (char32_t v : {QChar::toLower(c), QChar::toUpper(c), QChar::toCaseFolded(c)})
                if (v != c)
                    extra.push_back({v, v});
        }
    }
    set.ranges.insert(set.ranges.end(), extra.begin(), extra.end());
    set.caseInsensitive = false;
}
} // namespace

std::unique_ptr<SplitRegex> SplitRegex::compile(const std::string &pattern, std::string &error)
{
    auto re = std::make_unique<SplitRegex>();
    const std::u32string p = unicode::decodeUtf8(pattern);
    RegexParser parser(p, *re);
    if (!parser.parse(error))
        return nullptr;
    for (Alt &alt : re->m_alts)
        for (Seq &seq : alt)
            for (Node &n : seq)
                expandCase(n.set);
    return re;
}

// What remains to be matched after the current sequence: continuation frames on the stack, so
// backtracking into a greedy quantifier can retry everything that follows it.
struct SplitRegex::Cont
{
    const Seq *seq;
    size_t idx;
    const Cont *next;
};

struct SplitRegex::Input
{
    const std::u32string &text;
    const std::vector<uint8_t> &props;
};

bool SplitRegex::inSet(const CharSet &s, char32_t cp, uint8_t props) const
{
    bool in = (props & s.props) || (s.notProps & ~props);
    for (size_t i = 0; !in && i < s.ranges.size(); ++i)
        in = cp >= s.ranges[i].first && cp <= s.ranges[i].second;
    if (!in && s.caseInsensitive) {
        const char32_t f = unicode::simpleCaseFold(cp);
        for (size_t i = 0; !in && i < s.ranges.size(); ++i) {
            for (char32_t r = s.ranges[i].first; !in && r <= s.ranges[i].second; ++r)
                in = unicode::simpleCaseFold(r) == f;
        }
    }
    return in != s.negated;
}

long SplitRegex::matchAlt(const Input &in, int alt, size_t pos, const Cont *k) const
{
    for (const Seq &s : m_alts[size_t(alt)]) {
        const long r = matchSeq(in, s, 0, pos, k);
        if (r >= 0)
            return r;
    }
    return -1;
}

long SplitRegex::matchGroup(const Input &in, const Node &n, const Seq &seq, size_t idx, size_t pos,
                            const Cont *k) const
{
    // Greedy: try one more repetition first, then what follows the group.
    if (n.max != 0) {
        // A repetition continues with a synthetic sequence holding the same node with the count
        // advanced; groups with quantifiers are rare in tokenizer patterns, so the copy is fine.
        Node rest = n;
        rest.min = std::max(0, n.min - 1);
        rest.max = n.max < 0 ? -1 : n.max - 1;
        Seq tail{rest};
        tail.insert(tail.end(), seq.begin() + long(idx) + 1, seq.end());
        const Cont c{&tail, 0, k};
        for (const Seq &s : m_alts[size_t(n.alt)]) {
            const long r = matchSeq(in, s, 0, pos, &c);
            if (r >= 0 && size_t(r) != pos)
                return r;
        }
    }
    if (n.min == 0)
        return matchSeq(in, seq, idx + 1, pos, k);
    return -1;
}

long SplitRegex::matchSeq(const Input &in, const Seq &seq, size_t idx, size_t pos,
                          const Cont *k) const
{
    if (idx == seq.size())
        return k ? matchSeq(in, *k->seq, k->idx, pos, k->next) : long(pos);
    const Node &n = seq[idx];
    switch (n.kind) {
    case Node::Set: {
        const size_t limit = n.max < 0 ? in.text.size() - pos
                                       : std::min(size_t(n.max), in.text.size() - pos);
        size_t count = 0;
        while (count < limit && inSet(n.set, in.text[pos + count], in.props[pos + count]))
            ++count;
        if (count < size_t(n.min))
            return -1;
        for (size_t c = count + 1; c-- > size_t(n.min);) {
            const long r = matchSeq(in, seq, idx + 1, pos + c, k);
            if (r >= 0)
                return r;
        }
        return -1;
    }
    case Node::LookAhead:
    case Node::NegLookAhead: {
        const bool found = matchAlt(in, n.alt, pos, nullptr) >= 0;
        if (found != (n.kind == Node::LookAhead))
            return -1;
        return matchSeq(in, seq, idx + 1, pos, k);
    }
    case Node::Group:
        if (n.min == 1 && n.max == 1) {
            const Cont c{&seq, idx + 1, k};
            return matchAlt(in, n.alt, pos, &c);
        }
        return matchGroup(in, n, seq, idx, pos, k);
    }
    return -1;
}

void SplitRegex::findAll(const std::u32string &text, const std::vector<uint8_t> &props,
                         std::vector<std::pair<size_t, size_t>> &matches) const
{
    const Input in{text, props};
    size_t pos = 0;
    while (pos < text.size()) {
        const long end = matchAlt(in, 0, pos, nullptr);
        if (end > long(pos)) {
            matches.push_back({pos, size_t(end)});
            pos = size_t(end);
        } else {
            ++pos; // no match here (or an empty one, which a split ignores)
        }
    }
}

} // namespace wb::engine
