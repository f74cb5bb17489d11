#include "tokenizer.h"

#include "unicode.h"

#include <QFile>

#include <algorithm>

namespace wb::engine {

namespace {
bool isWordChar(char32_t cp)
{
    return cp == '_' || (unicode::properties(cp) & (unicode::Letter | unicode::Number));
}

// Trailing / leading whitespace of a section, as lstrip/rstrip added tokens remove it.
void trimRight(std::string &s)
{
    const std::u32string cps = unicode::decodeUtf8(s);
    size_t e = cps.size();
    while (e > 0 && unicode::isWhitespace(cps[e - 1]))
        --e;
    if (e != cps.size())
        s = unicode::encodeUtf8(cps.substr(0, e));
}

void trimLeft(std::string &s)
{
    const std::u32string cps = unicode::decodeUtf8(s);
    size_t b = 0;
    while (b < cps.size() && unicode::isWhitespace(cps[b]))
        ++b;
    if (b)
        s = unicode::encodeUtf8(cps.substr(b));
}
} // namespace

api::Result<std::shared_ptr<const Tokenizer>> Tokenizer::fromFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return api::Error::badRequest(path.toStdString() + ": cannot read: "
                                      + f.errorString().toStdString());
    const QByteArray data = f.readAll();
    return fromString(data.toStdString(), path.toStdString());
}

api::Result<std::shared_ptr<const Tokenizer>> Tokenizer::fromString(const std::string &text,
                                                                     const std::string &source)
{
    TokJson json;
    try {
        json = TokJson::parse(text);
    } catch (const TokJson::parse_error &e) {
        return api::Error::badRequest(source + ": invalid JSON: " + e.what());
    }
    return fromJson(json, source);
}

api::Result<std::shared_ptr<const Tokenizer>> Tokenizer::fromJson(const TokJson &json,
                                                                   const std::string &source)
{
    std::shared_ptr<Tokenizer> t(new Tokenizer);
    try {
        t->load(json);
    } catch (const api::JsonError &e) {
        return api::Error::badRequest(source + ": " + e.what());
    } catch (const TokJson::exception &e) {
        return api::Error::badRequest(source + ": " + e.what());
    }
    return std::shared_ptr<const Tokenizer>(std::move(t));
}

void Tokenizer::load(const TokJson &json)
{
    if (!json.is_object())
        throw api::JsonError("", "expected a tokenizer.json object");
    const JsonFields r(json, "");
    const TokJson *model = r.find("model");
    if (!model || !model->is_object())
        throw api::JsonError("model", "field required");
    std::string type = "BPE";
    JsonFields(*model, "model").optional("type", type);
    if (type != "BPE")
        throw api::JsonError("model.type", "unsupported model type \"" + type + "\"");
    m_model = BpeModel::fromJson(*model, "model");

    static const TokJson null;
    auto field = [&](const char *key) -> const TokJson & {
        const TokJson *v = r.find(key);
        return v ? *v : null;
    };
    m_normalizer = readNormalizer(field("normalizer"), "normalizer");
    m_preTokenizer = readPreTokenizer(field("pre_tokenizer"), "pre_tokenizer");
    m_decoder = readDecoder(field("decoder"), "decoder");
    m_leadingStrip = engine::leadingSpacesToStrip(m_decoder);
    m_trailingStrip = engine::trailingSpacesToStrip(m_decoder);

    if (const TokJson *added = r.find("added_tokens"); added && !added->is_null()) {
        if (!added->is_array())
            throw api::JsonError("added_tokens", "expected an array");
        for (size_t i = 0; i < added->size(); ++i) {
            const JsonFields a((*added)[i], api::indexPath("added_tokens", i));
            AddedToken t;
            a.required("id", t.id);
            a.required("content", t.content);
            a.optional("special", t.special);
            a.optional("lstrip", t.lstrip);
            a.optional("rstrip", t.rstrip);
            a.optional("normalized", t.normalized);
            a.optional("single_word", t.singleWord);
            if (t.content.empty() || t.id < 0)
                throw api::JsonError(a.path(), "an added token needs content and an id");
            m_model->addToken(t.content, t.id);
            m_addedById[t.id] = m_added.size();
            m_added.push_back(std::move(t));
        }
    }
    m_addedByFirstByte.assign(256, {});
    for (size_t i = 0; i < m_added.size(); ++i)
        m_addedByFirstByte[static_cast<unsigned char>(m_added[i].content[0])].push_back(i);
    for (auto &bucket : m_addedByFirstByte)
        std::stable_sort(bucket.begin(), bucket.end(), [&](size_t a, size_t b) {
            return m_added[a].content.size() > m_added[b].content.size();
        });

    // Post-processor: only TemplateProcessing adds ids; ByteLevel only trims offsets.
    std::vector<std::pair<const TokJson *, std::string>> pps;
    if (const TokJson *pp = r.find("post_processor"); pp && !pp->is_null()) {
        std::string ppType;
        JsonFields(*pp, "post_processor").required("type", ppType);
        if (ppType == "Sequence") {
            const TokJson &list = pp->at("processors");
            for (size_t i = 0; i < list.size(); ++i)
                pps.push_back({&list[i], api::indexPath("post_processor.processors", i)});
        } else {
            pps.push_back({pp, "post_processor"});
        }
    }
    for (const auto &[pp, path] : pps) {
        std::string ppType;
        JsonFields(*pp, path).required("type", ppType);
        if (ppType == "ByteLevel")
            continue;
        if (ppType != "TemplateProcessing")
            throw api::JsonError(api::joinPath(path, "type"),
                                 "unsupported post-processor \"" + ppType + "\"");
        m_template.clear();
        const TokJson &single = pp->at("single");
        const TokJson &specials = pp->at("special_tokens");
        for (size_t i = 0; i < single.size(); ++i) {
            const TokJson &piece = single[i];
            if (piece.contains("Sequence")) {
                m_template.push_back(-1);
            } else if (piece.contains("SpecialToken")) {
                const std::string name = piece["SpecialToken"].at("id").get<std::string>();
                if (!specials.contains(name))
                    throw api::JsonError(api::indexPath(api::joinPath(path, "single"), i),
                                         "special token \"" + name + "\" not defined");
                for (const TokJson &id : specials[name].at("ids"))
                    m_template.push_back(id.get<int>());
            } else {
                throw api::JsonError(api::indexPath(api::joinPath(path, "single"), i),
                                     "unsupported template piece");
            }
        }
    }
}

bool Tokenizer::isSpecial(int id) const
{
    const auto it = m_addedById.find(id);
    return it != m_addedById.end() && m_added[it->second].special;
}

// The longest added token at text[pos] that may match there; returns its length or 0.
size_t Tokenizer::matchAdded(std::string_view text, size_t pos, const AddedToken *&token) const
{
    for (size_t i : m_addedByFirstByte[static_cast<unsigned char>(text[pos])]) {
        const AddedToken &t = m_added[i];
        if (text.compare(pos, t.content.size(), t.content) != 0)
            continue;
        if (t.singleWord) {
            const std::u32string before = unicode::decodeUtf8(text.substr(0, pos));
            const std::u32string after = unicode::decodeUtf8(text.substr(pos + t.content.size(), 4));
            if ((!before.empty() && isWordChar(before.back()))
                || (!after.empty() && isWordChar(after.front())))
                continue;
        }
        token = &t;
        return t.content.size();
    }
    return 0;
}

std::vector<int> Tokenizer::encode(std::string_view input, bool addSpecialTokens) const
{
    const std::string text = unicode::sanitizeUtf8(input);
    // 1. Split out added tokens (leftmost, longest), before any normalization can alter them.
    struct Section
    {
        std::string text;
        const AddedToken *token = nullptr;
    };
    std::vector<Section> sections;
    size_t start = 0;
    for (size_t pos = 0; pos < text.size();) {
        const AddedToken *tok = nullptr;
        const size_t n = m_added.empty() ? 0 : matchAdded(text, pos, tok);
        if (!n) {
            ++pos;
            continue;
        }
        sections.push_back({text.substr(start, pos - start), nullptr});
        sections.push_back({{}, tok});
        pos += n;
        start = pos;
    }
    sections.push_back({text.substr(start), nullptr});
    for (size_t i = 0; i < sections.size(); ++i) {
        if (!sections[i].token)
            continue;
        if (sections[i].token->lstrip && i > 0)
            trimRight(sections[i - 1].text);
        if (sections[i].token->rstrip && i + 1 < sections.size())
            trimLeft(sections[i + 1].text);
    }

    // 2. Normalize, pre-tokenize and run the model on the text between them.
    std::vector<int> ids;
    ids.reserve(text.size() / 3 + 4);
    for (size_t i = 0; i < sections.size(); ++i) {
        if (sections[i].token)
            ids.push_back(sections[i].token->id);
        else if (!sections[i].text.empty())
            encodeSection(sections[i].text, i == 0, ids);
    }
    if (!addSpecialTokens)
        return ids;
    std::vector<int> out;
    out.reserve(ids.size() + m_template.size());
    for (int t : m_template) {
        if (t < 0)
            out.insert(out.end(), ids.begin(), ids.end());
        else
            out.push_back(t);
    }
    return out;
}

void Tokenizer::encodeSection(const std::string &text, bool firstSection,
                              std::vector<int> &out) const
{
    const std::string normalized = normalize(m_normalizer, text);
    if (normalized.empty())
        return;
    std::vector<std::string> words;
    preTokenize(m_preTokenizer, normalized, firstSection, words);
    for (const std::string &w : words)
        m_model->tokenize(w, out);
}

void Tokenizer::appendTokenBytes(int id, std::string &out) const
{
    const std::string &token = m_model->idToToken(id);
    if (token.empty())
        return;
    decodeToken(m_decoder, token, out);
}

std::string Tokenizer::decode(const std::vector<int> &ids, bool skipSpecialTokens) const
{
    std::string bytes;
    for (int id : ids) {
        if (skipSpecialTokens && isSpecial(id))
            continue;
        appendTokenBytes(id, bytes);
    }
    size_t b = 0;
    while (b < size_t(m_leadingStrip) && b < bytes.size() && bytes[b] == ' ')
        ++b;
    size_t e = bytes.size();
    while (bytes.size() - e < size_t(m_trailingStrip) && e > b && bytes[e - 1] == ' ')
        --e;
    return unicode::sanitizeUtf8(std::string_view(bytes).substr(b, e - b));
}

StreamingDecoder::StreamingDecoder(std::shared_ptr<const Tokenizer> tokenizer,
                                   bool skipSpecialTokens)
    : m_tokenizer(std::move(tokenizer))
    , m_skipSpecial(skipSpecialTokens)
    , m_toStrip(m_tokenizer->leadingSpacesToStrip())
{
}

std::string StreamingDecoder::push(int id)
{
    if (m_skipSpecial && m_tokenizer->isSpecial(id))
        return {};
    m_tokenizer->appendTokenBytes(id, m_pending);
    return take(false);
}

std::string StreamingDecoder::finish()
{
    return take(true);
}

std::string StreamingDecoder::take(bool final)
{
    // The decoder's start-of-text strip applies to the first bytes ever produced, which may arrive
    // only after tokens that decode to nothing.
    while (m_toStrip > 0 && !m_pending.empty()) {
        if (m_pending[0] != ' ') {
            m_toStrip = 0;
            break;
        }
        m_pending.erase(0, 1);
        --m_toStrip;
    }
    const size_t n = final ? m_pending.size() : unicode::completePrefixLength(m_pending);
    std::string out = unicode::sanitizeUtf8(std::string_view(m_pending).substr(0, n));
    m_pending.erase(0, n);
    return out;
}

} // namespace wb::engine
