#include "tokenizer_pipeline.h"

#include "unicode.h"

namespace wb::engine {

const char *const kGpt2Pattern =
    "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

namespace {

const std::string kMetaspace = "\xE2\x96\x81"; // U+2581 ▁

std::string typeOf(const TokJson &j, const std::string &path)
{
    if (!j.is_object())
        throw api::JsonError(path, std::string("expected an object, got ") + j.type_name());
    std::string type;
    JsonFields(j, path).required("type", type);
    return type;
}

[[noreturn]] void unsupported(const std::string &path, const std::string &type)
{
    throw api::JsonError(api::joinPath(path, "type"), "unsupported type \"" + type + "\"");
}

void replaceAll(std::string &s, const std::string &from, const std::string &to)
{
    if (from.empty())
        return;
    for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
        s.replace(pos, from.size(), to);
}

// A Replace's or Split's pattern: {"String": "..."} (or {"Regex": "..."} where `allowRegex`).
std::string readStringPattern(const JsonFields &r, std::string *regex = nullptr)
{
    const TokJson *p = r.find("pattern");
    const std::string path = api::joinPath(r.path(), "pattern");
    if (!p || !p->is_object())
        throw api::JsonError(path, "expected an object");
    if (p->contains("String") && (*p)["String"].is_string())
        return (*p)["String"].get<std::string>();
    if (regex && p->contains("Regex") && (*p)["Regex"].is_string()) {
        *regex = (*p)["Regex"].get<std::string>();
        return {};
    }
    throw api::JsonError(api::joinPath(path, regex ? "Regex" : "String"),
                         regex ? "expected a String or Regex pattern"
                               : "only String patterns are supported");
}

std::shared_ptr<const SplitRegex> compileRegex(const std::string &pattern, const std::string &path)
{
    std::string error;
    std::shared_ptr<const SplitRegex> re = SplitRegex::compile(pattern, error);
    if (!re)
        throw api::JsonError(path, "unsupported regex (" + error + ")");
    return re;
}

void readNormalizerInto(const TokJson &j, const std::string &path,
                        std::vector<NormalizerStep> &out)
{
    if (j.is_null())
        return;
    const std::string type = typeOf(j, path);
    const JsonFields r(j, path);
    NormalizerStep s;
    if (type == "Sequence") {
        const TokJson *list = r.find("normalizers");
        if (!list || !list->is_array())
            throw api::JsonError(api::joinPath(path, "normalizers"), "expected an array");
        for (size_t i = 0; i < list->size(); ++i)
            readNormalizerInto((*list)[i], api::indexPath(api::joinPath(path, "normalizers"), i), out);
        return;
    } else if (type == "NFC") {
        s.kind = NormalizerStep::Nfc;
    } else if (type == "NFKC") {
        s.kind = NormalizerStep::Nfkc;
    } else if (type == "Lowercase") {
        s.kind = NormalizerStep::Lowercase;
    } else if (type == "Prepend") {
        s.kind = NormalizerStep::Prepend;
        r.required("prepend", s.a);
    } else if (type == "Replace") {
        s.kind = NormalizerStep::Replace;
        s.a = readStringPattern(r);
        r.required("content", s.b);
    } else if (type == "Strip") {
        s.kind = NormalizerStep::Strip;
        r.optional("strip_left", s.left);
        r.optional("strip_right", s.right);
    } else {
        unsupported(path, type);
    }
    out.push_back(std::move(s));
}

void readPreTokenizerInto(const TokJson &j, const std::string &path,
                          std::vector<PreTokenizerStep> &out)
{
    if (j.is_null())
        return;
    const std::string type = typeOf(j, path);
    const JsonFields r(j, path);
    PreTokenizerStep s;
    if (type == "Sequence") {
        const std::string listPath = api::joinPath(path, "pretokenizers");
        const TokJson *list = r.find("pretokenizers");
        if (!list || !list->is_array())
            throw api::JsonError(listPath, "expected an array");
        for (size_t i = 0; i < list->size(); ++i)
            readPreTokenizerInto((*list)[i], api::indexPath(listPath, i), out);
        return;
    } else if (type == "Split") {
        s.kind = PreTokenizerStep::Split;
        std::string regex;
        s.literal = readStringPattern(r, &regex);
        if (!regex.empty())
            s.regex = compileRegex(regex, api::joinPath(api::joinPath(path, "pattern"), "Regex"));
        std::string behavior = "Isolated";
        r.optional("behavior", behavior);
        if (behavior == "Isolated") s.behavior = PreTokenizerStep::Isolated;
        else if (behavior == "Removed") s.behavior = PreTokenizerStep::Removed;
        else if (behavior == "MergedWithPrevious") s.behavior = PreTokenizerStep::MergedWithPrevious;
        else if (behavior == "MergedWithNext") s.behavior = PreTokenizerStep::MergedWithNext;
        else
            throw api::JsonError(api::joinPath(path, "behavior"),
                                 "unsupported behavior \"" + behavior + "\"");
        bool invert = false;
        r.optional("invert", invert);
        if (invert)
            throw api::JsonError(api::joinPath(path, "invert"), "inverted splits are not supported");
    } else if (type == "ByteLevel") {
        s.kind = PreTokenizerStep::ByteLevel;
        r.optional("add_prefix_space", s.addPrefixSpace);
        bool useRegex = true;
        r.optional("use_regex", useRegex);
        if (useRegex)
            s.regex = compileRegex(kGpt2Pattern, path);
    } else if (type == "Metaspace") {
        s.kind = PreTokenizerStep::Metaspace;
        s.replacement = kMetaspace;
        r.optional("replacement", s.replacement);
        r.optional("split", s.split);
        bool addPrefixSpace = true;
        r.optional("add_prefix_space", addPrefixSpace);
        s.prepend = addPrefixSpace ? PreTokenizerStep::Always : PreTokenizerStep::Never;
        std::string scheme;
        r.optional("prepend_scheme", scheme);
        if (scheme == "first") s.prepend = PreTokenizerStep::First;
        else if (scheme == "never") s.prepend = PreTokenizerStep::Never;
        else if (scheme == "always") s.prepend = PreTokenizerStep::Always;
        else if (!scheme.empty())
            throw api::JsonError(api::joinPath(path, "prepend_scheme"), "unsupported value");
    } else if (type == "Digits") {
        s.kind = PreTokenizerStep::Digits;
        r.optional("individual_digits", s.individualDigits);
    } else {
        unsupported(path, type);
    }
    out.push_back(std::move(s));
}

void readDecoderInto(const TokJson &j, const std::string &path, std::vector<DecoderStep> &out)
{
    if (j.is_null())
        return;
    const std::string type = typeOf(j, path);
    const JsonFields r(j, path);
    DecoderStep s;
    if (type == "Sequence") {
        const std::string listPath = api::joinPath(path, "decoders");
        const TokJson *list = r.find("decoders");
        if (!list || !list->is_array())
            throw api::JsonError(listPath, "expected an array");
        for (size_t i = 0; i < list->size(); ++i)
            readDecoderInto((*list)[i], api::indexPath(listPath, i), out);
        return;
    } else if (type == "ByteLevel") {
        s.kind = DecoderStep::ByteLevel;
    } else if (type == "Replace") {
        s.kind = DecoderStep::Replace;
        s.a = readStringPattern(r);
        r.required("content", s.b);
    } else if (type == "ByteFallback") {
        s.kind = DecoderStep::ByteFallback;
    } else if (type == "Fuse") {
        s.kind = DecoderStep::Fuse;
    } else if (type == "Strip") {
        s.kind = DecoderStep::Strip;
        r.required("content", s.a);
        r.optional("start", s.start);
        r.optional("stop", s.stop);
        if (s.a != " ")
            throw api::JsonError(api::joinPath(path, "content"), "only \" \" is supported");
    } else if (type == "Metaspace") {
        s.kind = DecoderStep::Metaspace;
        s.a = kMetaspace;
        r.optional("replacement", s.a);
        bool addPrefixSpace = true;
        r.optional("add_prefix_space", addPrefixSpace);
        std::string scheme;
        r.optional("prepend_scheme", scheme);
        s.prependSpace = scheme.empty() ? addPrefixSpace : scheme != "never";
    } else {
        unsupported(path, type);
    }
    out.push_back(std::move(s));
}

// Splits `text` around the matches of a Split step, keeping or merging the matches as asked.
void splitWith(const PreTokenizerStep &s, const std::string &text, std::vector<std::string> &out)
{
    // Match ranges in bytes.
    std::vector<std::pair<size_t, size_t>> ranges;
    if (s.regex) {
        const std::u32string cps = unicode::decodeUtf8(text);
        std::vector<uint8_t> props(cps.size());
        std::vector<size_t> offsets(cps.size() + 1);
        size_t off = 0;
        for (size_t i = 0; i < cps.size(); ++i) {
            props[i] = unicode::properties(cps[i]);
            offsets[i] = off;
            off += unicode::utf8CharLength(text, off);
        }
        offsets[cps.size()] = text.size();
        std::vector<std::pair<size_t, size_t>> m;
        s.regex->findAll(cps, props, m);
        for (const auto &[b, e] : m)
            ranges.push_back({offsets[b], offsets[e]});
    } else if (!s.literal.empty()) {
        for (size_t p = text.find(s.literal); p != std::string::npos;
             p = text.find(s.literal, p + s.literal.size()))
            ranges.push_back({p, p + s.literal.size()});
    }
    size_t pos = 0;
    std::string pending; // MergedWithNext: a match waiting for the text after it
    for (const auto &[b, e] : ranges) {
        std::string gap = pending + text.substr(pos, b - pos);
        pending.clear();
        std::string match = text.substr(b, e - b);
        switch (s.behavior) {
        case PreTokenizerStep::Isolated:
            if (!gap.empty()) out.push_back(std::move(gap));
            out.push_back(std::move(match));
            break;
        case PreTokenizerStep::Removed:
            if (!gap.empty()) out.push_back(std::move(gap));
            break;
        case PreTokenizerStep::MergedWithPrevious:
            out.push_back(gap + match);
            break;
        case PreTokenizerStep::MergedWithNext:
        case PreTokenizerStep::Contiguous:
            if (!gap.empty()) out.push_back(std::move(gap));
            pending = std::move(match);
            break;
        }
        pos = e;
    }
    std::string rest = pending + text.substr(pos);
    if (!rest.empty())
        out.push_back(std::move(rest));
}

void byteLevel(const PreTokenizerStep &s, const std::string &text, std::vector<std::string> &out)
{
    std::vector<std::string> pieces;
    std::string input = text;
    if (s.addPrefixSpace && !input.empty() && input[0] != ' ')
        input.insert(0, 1, ' ');
    if (s.regex) {
        PreTokenizerStep split;
        split.regex = s.regex;
        splitWith(split, input, pieces);
    } else {
        pieces.push_back(std::move(input));
    }
    const auto &table = unicode::byteToUnicode();
    for (const std::string &p : pieces) {
        std::string mapped;
        mapped.reserve(p.size() * 2);
        for (char c : p)
            mapped += table[static_cast<unsigned char>(c)];
        out.push_back(std::move(mapped));
    }
}

void metaspace(const PreTokenizerStep &s, const std::string &text, bool firstSection,
               std::vector<std::string> &out)
{
    std::string t = text;
    replaceAll(t, " ", s.replacement);
    const bool prepend = s.prepend == PreTokenizerStep::Always
        || (s.prepend == PreTokenizerStep::First && firstSection);
    if (prepend && t.compare(0, s.replacement.size(), s.replacement) != 0)
        t.insert(0, s.replacement);
    if (!s.split) {
        out.push_back(std::move(t));
        return;
    }
    PreTokenizerStep split;
    split.literal = s.replacement;
    split.behavior = PreTokenizerStep::MergedWithNext;
    splitWith(split, t, out);
}

void digits(const PreTokenizerStep &s, const std::string &text, std::vector<std::string> &out)
{
    size_t start = 0;
    int prevKind = -1; // 0: other, 1: digit
    for (size_t i = 0; i < text.size();) {
        const size_t n = unicode::utf8CharLength(text, i);
        const std::u32string cp = unicode::decodeUtf8(std::string_view(text).substr(i, n));
        const int kind = unicode::isNumber(cp[0]) ? 1 : 0;
        if (i > start && (kind != prevKind || (kind == 1 && s.individualDigits))) {
            out.push_back(text.substr(start, i - start));
            start = i;
        }
        prevKind = kind;
        i += n;
    }
    if (start < text.size())
        out.push_back(text.substr(start));
}

} // namespace

std::vector<NormalizerStep> readNormalizer(const TokJson &j, const std::string &path)
{
    std::vector<NormalizerStep> out;
    readNormalizerInto(j, path, out);
    return out;
}

std::vector<PreTokenizerStep> readPreTokenizer(const TokJson &j, const std::string &path)
{
    std::vector<PreTokenizerStep> out;
    readPreTokenizerInto(j, path, out);
    return out;
}

std::vector<DecoderStep> readDecoder(const TokJson &j, const std::string &path)
{
    std::vector<DecoderStep> out;
    readDecoderInto(j, path, out);
    return out;
}

std::string normalize(const std::vector<NormalizerStep> &steps, std::string text)
{
    for (const NormalizerStep &s : steps) {
        switch (s.kind) {
        case NormalizerStep::Nfc: text = unicode::nfc(text); break;
        case NormalizerStep::Nfkc: text = unicode::nfkc(text); break;
        case NormalizerStep::Lowercase: text = unicode::toLower(text); break;
        case NormalizerStep::Prepend:
            if (!text.empty())
                text.insert(0, s.a);
            break;
        case NormalizerStep::Replace: replaceAll(text, s.a, s.b); break;
        case NormalizerStep::Strip: {
            const std::u32string cps = unicode::decodeUtf8(text);
            size_t b = 0, e = cps.size();
            while (s.left && b < e && unicode::isWhitespace(cps[b])) ++b;
            while (s.right && e > b && unicode::isWhitespace(cps[e - 1])) --e;
            text = unicode::encodeUtf8(cps.substr(b, e - b));
            break;
        }
        }
    }
    return text;
}

void preTokenize(const std::vector<PreTokenizerStep> &steps, const std::string &text,
                 bool firstSection, std::vector<std::string> &words)
{
    std::vector<std::string> cur{text}, next;
    for (const PreTokenizerStep &s : steps) {
        next.clear();
        for (const std::string &piece : cur) {
            switch (s.kind) {
            case PreTokenizerStep::Split: splitWith(s, piece, next); break;
            case PreTokenizerStep::ByteLevel: byteLevel(s, piece, next); break;
            case PreTokenizerStep::Metaspace: metaspace(s, piece, firstSection, next); break;
            case PreTokenizerStep::Digits: digits(s, piece, next); break;
            }
        }
        cur.swap(next);
    }
    for (std::string &w : cur)
        if (!w.empty())
            words.push_back(std::move(w));
}

void decodeToken(const std::vector<DecoderStep> &steps, const std::string &token, std::string &out)
{
    std::string t = token;
    for (const DecoderStep &s : steps) {
        switch (s.kind) {
        case DecoderStep::Replace: replaceAll(t, s.a, s.b); break;
        case DecoderStep::Metaspace: replaceAll(t, s.a, " "); break;
        case DecoderStep::ByteFallback:
            // "<0xAB>" stands for one raw byte, which may be part of a multi-byte character.
            if (t.size() == 6 && t.compare(0, 3, "<0x") == 0 && t[5] == '>') {
                const int v = std::stoi(t.substr(3, 2), nullptr, 16);
                t.assign(1, static_cast<char>(v));
            }
            break;
        case DecoderStep::ByteLevel: {
            std::string bytes;
            bool ok = true;
            for (char32_t cp : unicode::decodeUtf8(t)) {
                const int b = unicode::unicodeToByte(cp);
                if (b < 0) {
                    ok = false; // not byte-level text (an added token): keep it as it is
                    break;
                }
                bytes.push_back(static_cast<char>(b));
            }
            if (ok)
                t.swap(bytes);
            break;
        }
        case DecoderStep::Fuse:
        case DecoderStep::Strip:
            break; // whole-text steps: see leadingSpacesToStrip()
        }
    }
    out += t;
}

int leadingSpacesToStrip(const std::vector<DecoderStep> &steps)
{
    int n = 0;
    for (const DecoderStep &s : steps) {
        if (s.kind == DecoderStep::Strip) n += s.start;
        if (s.kind == DecoderStep::Metaspace && s.prependSpace) n += 1;
    }
    return n;
}

int trailingSpacesToStrip(const std::vector<DecoderStep> &steps)
{
    int n = 0;
    for (const DecoderStep &s : steps)
        if (s.kind == DecoderStep::Strip) n += s.stop;
    return n;
}

} // namespace wb::engine
