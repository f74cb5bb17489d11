// Tokenizer unit tests on small hand-written tokenizer.json fixtures (byte-level BPE with both merge
// formats, SentencePiece-style byte fallback, added tokens, streaming decode of split UTF-8, load
// errors). The peer comparison on real tokenizers is in tst_tokenizer_peer.cpp.

#include "peer_comparison.h"

#include "engine/models/tokenizer.h"
#include "engine/models/tokenizer_regex.h"
#include "engine/models/unicode.h"

#include <QtTest>

using namespace wb::engine;
using wb::engine::TokJson;

namespace {

const char *kLlama3Pattern = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|"
                             "\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

std::shared_ptr<const Tokenizer> load(const TokJson &j)
{
    auto r = Tokenizer::fromJson(j, "fixture/tokenizer.json");
    if (!r)
        qFatal("fixture did not load: %s", r.error().toString().c_str());
    return r.value();
}

// Byte-level BPE over the letters a, b, c and the space (Ġ), with a few merges.
TokJson byteLevelFixture(bool pairMerges)
{
    TokJson vocab = {{"a", 0}, {"b", 1}, {"c", 2}, {"\xC4\xA0", 3}, {"ab", 4}, {"abc", 5},
                     {"\xC4\xA0" "a", 6}, {"\xC4\xA0" "ab", 7}, {"!", 8}};
    TokJson merges = TokJson::array();
    const std::vector<std::pair<std::string, std::string>> m = {
        {"\xC4\xA0", "a"}, {"a", "b"}, {"\xC4\xA0" "a", "b"}, {"ab", "c"}};
    for (const auto &[l, r] : m)
        merges.push_back(pairMerges ? TokJson::array({l, r}) : TokJson(l + " " + r));
    return TokJson{
        {"model", {{"type", "BPE"}, {"vocab", vocab}, {"merges", merges}}},
        {"pre_tokenizer",
         {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"use_regex", true}}},
        {"decoder", {{"type", "ByteLevel"}}},
        {"added_tokens",
         TokJson::array({{{"id", 9}, {"content", "<|end|>"}, {"special", true}},
                         {{"id", 10}, {"content", "<tool>"}, {"special", false},
                          {"lstrip", true}, {"rstrip", true}}})},
        {"post_processor",
         {{"type", "TemplateProcessing"},
          {"single", TokJson::array({{{"SpecialToken", {{"id", "<|end|>"}, {"type_id", 0}}}},
                                     {{"Sequence", {{"id", "A"}, {"type_id", 0}}}}})},
          {"special_tokens", {{"<|end|>", {{"id", "<|end|>"}, {"ids", {9}}}}}}}}};
}

// SentencePiece-style BPE: Prepend ▁ + Replace " " → ▁, byte fallback, Llama 2's decoder.
TokJson spmFixture()
{
    TokJson vocab = {{"<unk>", 0}, {"<s>", 1}, {"</s>", 2}};
    for (int b = 0; b < 256; ++b) {
        char name[8];
        std::snprintf(name, sizeof name, "<0x%02X>", b);
        vocab[name] = 3 + b;
    }
    const std::string sp = "\xE2\x96\x81";
    int next = 259;
    for (const std::string &t : {sp, std::string("h"), std::string("i"), sp + "h", sp + "hi"})
        vocab[t] = next++;
    return TokJson{
        {"model", {{"type", "BPE"}, {"vocab", vocab}, {"unk_token", "<unk>"},
                   {"byte_fallback", true}, {"fuse_unk", true},
                   {"merges", TokJson::array({sp + " h", sp + "h i"})}}},
        {"normalizer",
         {{"type", "Sequence"},
          {"normalizers", TokJson::array({{{"type", "Prepend"}, {"prepend", sp}},
                                          {{"type", "Replace"}, {"pattern", {{"String", " "}}},
                                           {"content", sp}}})}}},
        {"pre_tokenizer", nullptr},
        {"decoder",
         {{"type", "Sequence"},
          {"decoders", TokJson::array({{{"type", "Replace"}, {"pattern", {{"String", sp}}},
                                        {"content", " "}},
                                       {{"type", "ByteFallback"}},
                                       {{"type", "Fuse"}},
                                       {{"type", "Strip"}, {"content", " "}, {"start", 1},
                                        {"stop", 0}}})}}},
        {"added_tokens", TokJson::array({{{"id", 1}, {"content", "<s>"}, {"special", true}},
                                         {{"id", 2}, {"content", "</s>"}, {"special", true}}})}};
}

int spmId(const std::string &token, const Tokenizer &t)
{
    return t.tokenToId(token).value_or(-1);
}

QStringList regexSplit(const std::string &pattern, const std::string &text)
{
    std::string error;
    auto re = SplitRegex::compile(pattern, error);
    if (!re)
        return {QString::fromStdString("error: " + error)};
    const std::u32string cps = unicode::decodeUtf8(text);
    std::vector<uint8_t> props;
    for (char32_t c : cps)
        props.push_back(unicode::properties(c));
    std::vector<std::pair<size_t, size_t>> m;
    re->findAll(cps, props, m);
    QStringList out;
    for (const auto &[b, e] : m)
        out << QString::fromStdString(unicode::encodeUtf8(cps.substr(b, e - b)));
    return out;
}

} // namespace

class TestTokenizer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void regexLlama3Pattern()
    {
        QCOMPARE(regexSplit(kLlama3Pattern, "I'm fine,  THEY'LL go!!\n\n  x 12345"),
                 QStringList({"I", "'m", " fine", ",", " ", " THEY", "'LL", " go", "!!\n\n",
                              " ", " x", " ", "123", "45"}));
        // \s+(?!\S) leaves the last space of a run to the word after it.
        QCOMPARE(regexSplit(kLlama3Pattern, "a   b  "), QStringList({"a", "  ", " b", "  "}));
        QCOMPARE(regexSplit(kLlama3Pattern, "日本語テキスト😀😀"),
                 QStringList({"日本語テキスト", "😀😀"}));
        QCOMPARE(regexSplit("a{2,3}|(?:x|y)+z?", "aaaaxyyzb"),
                 QStringList({"aaa", "xyyz"}));
        QVERIFY(regexSplit("(?<=x)a", "xa").front().startsWith("error:"));
    }

    void byteLevelMerges_data()
    {
        QTest::addColumn<bool>("pairMerges");
        QTest::newRow("string merges") << false;
        QTest::newRow("pair merges") << true;
    }

    void byteLevelMerges()
    {
        QFETCH(bool, pairMerges);
        const auto t = load(byteLevelFixture(pairMerges));
        // "abc" → abc; " ab" → Ġab; " c" → Ġ c (no merge); "!" stays.
        QCOMPARE(t->encode("abc ab c!"), std::vector<int>({5, 7, 3, 2, 8}));
        QCOMPARE(t->decode({5, 7, 3, 2, 8}), std::string("abc ab c!"));
        QCOMPARE(t->encode("ab", true), std::vector<int>({9, 4}));
    }

    void addedTokens()
    {
        const auto t = load(byteLevelFixture(false));
        // The special token is split out before the model; <tool> strips the spaces around it.
        QCOMPARE(t->encode("ab<|end|>c"), std::vector<int>({4, 9, 2}));
        QCOMPARE(t->encode("ab  <tool>  c"), std::vector<int>({4, 10, 2}));
        QCOMPARE(t->decode({4, 9, 2}), std::string("ab<|end|>c"));
        QCOMPARE(t->decode({4, 9, 10, 2}, true), std::string("ab<tool>c"));
        QVERIFY(t->isSpecial(9));
        QVERIFY(!t->isSpecial(10));
    }

    void byteFallback()
    {
        const auto t = load(spmFixture());
        const std::string sp = "\xE2\x96\x81";
        // "hi é": ▁hi ▁ then é (not in the vocabulary) as its two UTF-8 bytes.
        const std::vector<int> ids = t->encode("hi \xC3\xA9");
        QCOMPARE(ids, std::vector<int>({spmId(sp + "hi", *t), spmId(sp, *t), spmId("<0xC3>", *t),
                                        spmId("<0xA9>", *t)}));
        QCOMPARE(t->decode(ids), std::string("hi \xC3\xA9"));
        QCOMPARE(t->encode("hi</s>"), std::vector<int>({spmId(sp + "hi", *t), 2}));
        QCOMPARE(t->decode({1, spmId(sp + "hi", *t), 2}, true), std::string("hi"));
    }

    void streamingDecodeHoldsPartialUtf8()
    {
        const auto t = load(spmFixture());
        const std::string text = "h\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80i"; // hé€😀i
        const std::vector<int> ids = t->encode(text);
        QCOMPARE(t->decode(ids), text);
        StreamingDecoder dec(t);
        std::string all;
        for (int id : ids) {
            const std::string piece = dec.push(id);
            // Every piece is valid UTF-8 on its own: nothing of a character is emitted early.
            QCOMPARE(unicode::sanitizeUtf8(piece), piece);
            all += piece;
        }
        all += dec.finish();
        QCOMPARE(all, text);

        // A stream that ends inside a character reports the loose bytes as U+FFFD.
        StreamingDecoder cut(t);
        QCOMPARE(cut.push(spmId("<0xE2>", *t)), std::string());
        QCOMPARE(cut.push(spmId("<0x82>", *t)), std::string());
        QCOMPARE(cut.finish(), std::string("\xEF\xBF\xBD\xEF\xBF\xBD"));
    }

    void ignoreMerges()
    {
        TokJson j = byteLevelFixture(false);
        j["model"]["vocab"]["bc"] = 11; // in the vocabulary, but no merge produces it
        QCOMPARE(load(j)->encode("bc"), std::vector<int>({1, 2}));
        j["model"]["ignore_merges"] = true;
        QCOMPARE(load(j)->encode("bc"), std::vector<int>({11}));
    }

    void digitsPreTokenizer()
    {
        // SmolLM2 style: Digits(individual_digits) before ByteLevel keeps "12" from merging.
        TokJson j = byteLevelFixture(false);
        j["model"]["vocab"]["1"] = 11;
        j["model"]["vocab"]["2"] = 12;
        j["model"]["vocab"]["12"] = 13;
        j["model"]["merges"].push_back("1 2");
        QCOMPARE(load(j)->encode("ab12"), std::vector<int>({4, 13}));
        j["pre_tokenizer"] = {{"type", "Sequence"},
                              {"pretokenizers",
                               TokJson::array({{{"type", "Digits"}, {"individual_digits", true}},
                                               j["pre_tokenizer"]})}};
        QCOMPARE(load(j)->encode("ab12"), std::vector<int>({4, 11, 12}));
    }

    void metaspacePrependFirst()
    {
        // Mistral v0.3 style: Metaspace with prepend_scheme "first" instead of the normalizers, so
        // text right after a special token gets no ▁.
        TokJson j = spmFixture();
        const std::string sp = "\xE2\x96\x81";
        j["normalizer"] = nullptr;
        j["pre_tokenizer"] = {{"type", "Metaspace"}, {"replacement", sp},
                              {"prepend_scheme", "first"}, {"split", false}};
        j["decoder"] = {{"type", "Metaspace"}, {"replacement", sp}, {"prepend_scheme", "first"}};
        const auto t = load(j);
        const int hi = spmId(sp + "hi", *t), h = spmId("h", *t), i = spmId("i", *t);
        QCOMPARE(t->encode("hi hi"), std::vector<int>({hi, hi}));
        QCOMPARE(t->encode("hi<s>hi"), std::vector<int>({hi, 1, h, i}));
        QCOMPARE(t->decode({hi, hi}), std::string("hi hi"));
    }

    void loadErrors()
    {
        auto bad = Tokenizer::fromString("{not json", "models/x/tokenizer.json");
        QVERIFY(!bad);
        QCOMPARE(bad.error().status, 400);
        QVERIFY(bad.error().detail.find("models/x/tokenizer.json") != std::string::npos);

        TokJson j = byteLevelFixture(false);
        j["model"]["type"] = "Unigram";
        auto r = Tokenizer::fromJson(j, "t.json");
        QVERIFY(!r);
        QCOMPARE(r.error().status, 400);
        QVERIFY2(r.error().detail.find("t.json: model.type") == 0, r.error().detail.c_str());

        j = byteLevelFixture(false);
        j["pre_tokenizer"] = {{"type", "Sequence"},
                              {"pretokenizers", TokJson::array({{{"type", "Digits"}},
                                                                {{"type", "Whitespace"}}})}};
        r = Tokenizer::fromJson(j, "t.json");
        QVERIFY(!r);
        QVERIFY2(r.error().detail.find("pre_tokenizer.pretokenizers[1].type") != std::string::npos,
                 r.error().detail.c_str());

        j = byteLevelFixture(false);
        j["pre_tokenizer"] = {{"type", "Split"}, {"pattern", {{"Regex", "(?<=a)b"}}},
                              {"behavior", "Isolated"}};
        r = Tokenizer::fromJson(j, "t.json");
        QVERIFY(!r);
        QVERIFY2(r.error().detail.find("pre_tokenizer.pattern.Regex") != std::string::npos,
                 r.error().detail.c_str());

        auto missing = Tokenizer::fromFile("/nonexistent/tokenizer.json");
        QVERIFY(!missing);
        QCOMPARE(missing.error().status, 400);
    }

    //! Runs only under tests/tokenizer_peer/run.sh, which provides the real files and expectations.
    void peerComparison_data()
    {
        QTest::addColumn<QString>("name");
        for (const char *n : {"llama3", "qwen3", "llama2"})
            QTest::newRow(n) << QString(n);
    }

    void peerComparison()
    {
        QFETCH(QString, name);
        const QString models = qEnvironmentVariable("WB_TOKENIZER_PEER_MODELS_DIR");
        const QString expected = qEnvironmentVariable("WB_TOKENIZER_PEER_EXPECTED_DIR");
        if (models.isEmpty() || expected.isEmpty())
            QSKIP("peer data not provided (run tests/tokenizer_peer/run.sh)");
        const PeerResult r = comparePeer(name, models + "/tokenizer-" + name + "/models/tokenizer.json",
                                         expected + "/expected-" + name + ".jsonl");
        qInfo("%s: %d strings, %d ids compared, %d mismatching strings, %d/%d round trips failed, "
              "encode %.2f MB/s cold, %.2f MB/s warm (%zu bytes)",
              qPrintable(name), r.strings, r.ids, r.mismatches, r.roundtripFailures, r.roundtrips,
              r.megabytesPerSecond, r.warmMegabytesPerSecond, r.bytes);
        for (const QString &f : r.failures)
            qWarning("%s", qPrintable(f));
        QVERIFY(r.strings >= 2000);
        QCOMPARE(r.mismatches, 0);
        QCOMPARE(r.roundtripFailures, 0);
        QCOMPARE(r.streamFailures, 0);
    }
};

QTEST_GUILESS_MAIN(TestTokenizer)
#include "tst_tokenizer.moc"
