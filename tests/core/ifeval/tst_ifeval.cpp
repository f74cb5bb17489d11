// basic::ifeval: every instruction of the IFEval registry followed and not followed (through the
// scorer, one instruction per row), the relations, kwargs given as JSON text or as lists, null
// kwargs dropped, the row errors (unknown instruction, missing column, bad kwargs), the weighted
// score of a row, and the text helpers and language detector that stand in for nltk and langdetect.

#include "engine/scoring/ifeval/ifeval_function.h"
#include "engine/scoring/ifeval/instructions.h"
#include "engine/scoring/ifeval/language_detector.h"
#include "engine/scoring/ifeval/text_utils.h"

#include <QTest>

using namespace wb;
using namespace wb::engine;
using api::Json;

namespace {

api::Result<api::JsonObject> scoreRow(const Json &row, const api::CancelToken &cancel = {})
{
    const auto scorer = ifevalScoringFunction()->prepare(api::BasicScoringFnParams{}, "tester");
    if (!scorer)
        return scorer.error();
    return scorer.value()->score(api::JsonObject{row}, cancel);
}

Json oneInstructionRow(const QString &id, const QByteArray &kwargs, const QString &answer)
{
    return Json{{"prompt", "a prompt"},
                {"instruction_id_list", Json::array({id.toStdString()})},
                {"kwargs", Json::array({Json::parse(kwargs.toStdString())})},
                {"generated_answer", answer.toStdString()}};
}

// One instruction, its kwargs (JSON), an answer and whether the answer follows the instruction.
struct InstructionCase
{
    const char *name;
    QString id;
    QByteArray kwargs;
    QString answer;
    bool followed;
};

std::vector<InstructionCase> instructionCases()
{
    std::vector<InstructionCase> cases;
    auto add = [&cases](const char *name, const char *id, const char *kwargs, const QString &answer,
                        bool followed) { cases.push_back({name, id, kwargs, answer, followed}); };

    const char *keywords = R"({"keywords": ["apple", "banana"]})";
    add("existence: all, any case", "keywords:existence", keywords, "I like Apple and BANANA.", true);
    add("existence: one missing", "keywords:existence", keywords, "I like apple only.", false);

    const char *atLeastTwoCats = R"({"keyword": "cat", "frequency": 2, "relation": "at least"})";
    const char *lessThanTwoCats = R"({"keyword": " cat ", "frequency": 2, "relation": "less than"})";
    add("frequency at least: 2", "keywords:frequency", atLeastTwoCats, "A cat and a CAT.", true);
    add("frequency at least: 1", "keywords:frequency", atLeastTwoCats, "One cat.", false);
    add("frequency counts substrings", "keywords:frequency", atLeastTwoCats, "A category of cat.", true);
    add("frequency less than: 1", "keywords:frequency", lessThanTwoCats, "One cat.", true);
    add("frequency less than: 2", "keywords:frequency", lessThanTwoCats, "cat, cat", false);

    const char *forbidden = R"({"forbidden_words": ["bad", "ugly"]})";
    add("forbidden: absent", "keywords:forbidden_words", forbidden, "This is good.", true);
    add("forbidden: word boundaries", "keywords:forbidden_words", forbidden, "It went badly.", true);
    add("forbidden: present", "keywords:forbidden_words", forbidden, "This is Bad.", false);

    const char *atLeastThreeZ = R"({"letter": "z", "let_frequency": 3, "let_relation": "at least"})";
    const char *lessThanTwoA = R"({"letter": "A", "let_frequency": 2, "let_relation": "less than"})";
    add("letter at least: 3", "keywords:letter_frequency", atLeastThreeZ, "Zz z", true);
    add("letter at least: 2", "keywords:letter_frequency", atLeastThreeZ, "zz", false);
    add("letter less than: 1", "keywords:letter_frequency", lessThanTwoA, "a b", true);
    add("letter less than: 2", "keywords:letter_frequency", lessThanTwoA, "Aa", false);

    add("language de", "language:response_language", R"({"language": "de"})",
        "Das ist ein kleiner Test und er ist nicht schwer.", true);
    add("language de, got en", "language:response_language", R"({"language": "de"})",
        "This is a small test and it is not hard.", false);
    add("language ja", "language:response_language", R"({"language": "ja"})", "これは日本語のテストです。", true);
    add("language zh-cn is zh", "language:response_language", R"({"language": "zh-cn"})",
        "这是一个中文测试。", true);
    add("language ru, got uk", "language:response_language", R"({"language": "ru"})",
        "Це простий тест і він не складний.", false);
    add("language: no letters counts as followed", "language:response_language", R"({"language": "fr"})",
        "12345 !!!", true);

    const char *atLeastThree = R"({"num_sentences": 3, "relation": "at least"})";
    const char *lessThanTwo = R"({"num_sentences": 2, "relation": "less than"})";
    add("sentences at least: 3", "length_constraints:number_sentences", atLeastThree, "One. Two! Three?",
        true);
    add("sentences at least: 2", "length_constraints:number_sentences", atLeastThree, "One. Two.", false);
    add("sentences less than: abbreviation", "length_constraints:number_sentences", lessThanTwo,
        "Mr. Smith went to Washington.", true);
    add("sentences less than: 2", "length_constraints:number_sentences", lessThanTwo, "Hi there. Bye now.",
        false);
    add("sentences: chinese", "length_constraints:number_sentences", atLeastThree,
        "今天天气很好。我们去公园。然后回家。", true);

    const char *twoParagraphs = R"({"num_paragraphs": 2})";
    add("paragraphs: 2", "length_constraints:number_paragraphs", twoParagraphs, "First.\n***\nSecond.", true);
    add("paragraphs: 1", "length_constraints:number_paragraphs", twoParagraphs, "Only one.", false);
    add("paragraphs: empty between dividers", "length_constraints:number_paragraphs", twoParagraphs,
        "A\n***\n***\nB", false);
    add("paragraphs: leading divider", "length_constraints:number_paragraphs", twoParagraphs,
        "***\nA\n***\nB", true);

    const char *atLeastFive = R"({"num_words": 5, "relation": "at least"})";
    const char *lessThanThree = R"({"num_words": 3, "relation": "less than"})";
    add("words at least: 5", "length_constraints:number_words", atLeastFive, "one two three four five", true);
    add("words at least: 2", "length_constraints:number_words", atLeastFive, "one two", false);
    add("words less than: 2", "length_constraints:number_words", lessThanThree, "hello world", true);
    add("words less than: \\w+ splits it's", "length_constraints:number_words", lessThanThree, "it's a test",
        false);
    add("words: chinese characters", "length_constraints:number_words",
        R"({"num_words": 7, "relation": "at least"})", "我爱北京天安门", true);
    add("words: chinese, too few", "length_constraints:number_words",
        R"({"num_words": 8, "relation": "at least"})", "我爱北京天安门", false);

    const char *secondThen = R"({"num_paragraphs": 2, "nth_paragraph": 2, "first_word": "Then"})";
    add("nth first word", "length_constraints:nth_paragraph_first_word", secondThen,
        "First we go.\n\n\"Then, we stop.\"", true);
    add("nth first word: other word", "length_constraints:nth_paragraph_first_word", secondThen,
        "First we go.\n\nAfter that, we stop.", false);
    add("nth first word: wrong count", "length_constraints:nth_paragraph_first_word", secondThen,
        "First.\n\nThen.\n\nMore.", false);

    const char *twoPlaceholders = R"({"num_placeholders": 2})";
    add("placeholders: 2", "detectable_content:number_placeholders", twoPlaceholders,
        "Dear [name], at [address].", true);
    add("placeholders: 1", "detectable_content:number_placeholders", twoPlaceholders, "Dear [name].", false);

    add("postscript P.S.", "detectable_content:postscript", R"({"postscript_marker": "P.S."})",
        "Hello.\nP.S. See you", true);
    add("postscript P.S. missing", "detectable_content:postscript", R"({"postscript_marker": "P.S."})",
        "Hello. PS see you", false);
    add("postscript P.P.S", "detectable_content:postscript", R"({"postscript_marker": "P.P.S"})",
        "Hi\np. p. s. later", true);

    const char *twoBullets = R"({"num_bullets": 2})";
    add("bullets: 2", "detectable_format:number_bullet_lists", twoBullets, "Intro\n* one\n* two", true);
    add("bullets: 3 with dashes", "detectable_format:number_bullet_lists", twoBullets,
        "* one\n- two\n- three", false);

    add("constrained: yes", "detectable_format:constrained_response", "{}", "My answer is yes.", true);
    add("constrained: other", "detectable_format:constrained_response", "{}", "Yes.", false);

    const char *twoHighlights = R"({"num_highlights": 2})";
    add("highlights: single and double", "detectable_format:number_highlighted_sections", twoHighlights,
        "*one* and **two**", true);
    add("highlights: 1", "detectable_format:number_highlighted_sections", twoHighlights, "*one* only", false);

    const char *twoSections = R"({"section_spliter": "Section", "num_sections": 2})";
    add("sections: 2", "detectable_format:multiple_sections", twoSections, "Section 1\nfoo\nSection 2\nbar",
        true);
    add("sections: 1", "detectable_format:multiple_sections", twoSections, "Section 1 only", false);

    add("json: fenced", "detectable_format:json_format", "{}", "```json\n{\"a\": [1, 2]}\n```", true);
    add("json: invalid", "detectable_format:json_format", "{}", "{a: 1}", false);

    add("title", "detectable_format:title", "{}", "<<My Title>>\nText", true);
    add("title: blank", "detectable_format:title", "{}", "<< >> text", false);

    add("two responses", "combination:two_responses", "{}", "Answer A\n******\nAnswer B", true);
    add("two responses: the same", "combination:two_responses", "{}", "Same\n******\nSame", false);

    const char *repeat = R"({"prompt_to_repeat": "Write a poem."})";
    add("repeat prompt", "combination:repeat_prompt", repeat, "write a poem. Here it is.", true);
    add("repeat prompt: not repeated", "combination:repeat_prompt", repeat, "Here is a poem.", false);

    const char *ending = R"({"end_phrase": "Any other questions?"})";
    add("end phrase", "startend:end_checker", ending, "Done. any other questions?\"", true);
    add("end phrase: more after", "startend:end_checker", ending, "Any other questions? Bye", false);

    add("quotation", "startend:quotation", "{}", "\"Hello there\"", true);
    add("quotation: japanese brackets", "startend:quotation", "{}", "「こんにちは、元気ですか」", true);
    add("quotation: missing", "startend:quotation", "{}", "Hello there", false);

    const char *atLeastThreeCapitals = R"({"capital_frequency": 3, "capital_relation": "at least"})";
    const char *lessThanTwoCapitals = R"({"capital_frequency": 2, "capital_relation": "less than"})";
    add("capitals at least: 3", "change_case:capital_word_frequency", atLeastThreeCapitals, "I LOVE NEW York",
        true);
    add("capitals at least: 1", "change_case:capital_word_frequency", atLeastThreeCapitals, "I love new york",
        false);
    add("capitals less than: 1", "change_case:capital_word_frequency", lessThanTwoCapitals, "OK then", true);
    add("capitals less than: contraction is 2", "change_case:capital_word_frequency", lessThanTwoCapitals,
        "DON'T", false);

    add("english capital", "change_case:english_capital", "{}", "THIS IS A TEST OF THE SYSTEM.", true);
    add("english capital: mixed case", "change_case:english_capital", "{}", "This is a test.", false);
    add("english capital: german", "change_case:english_capital", "{}", "DAS IST EIN TEST UND NICHT SCHWER.",
        false);
    add("english lowercase", "change_case:english_lowercase", "{}", "this is a test of the system.", true);
    add("english lowercase: capital", "change_case:english_lowercase", "{}", "This is a test.", false);

    add("no comma", "punctuation:no_comma", "{}", "No commas here.", true);
    add("no comma: comma", "punctuation:no_comma", "{}", "Well, no.", false);
    return cases;
}

} // namespace

class TestIfeval : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void definition();
    void rejectsOtherParamsTypes();
    void instructions_data();
    void instructions();
    void everyRegistryInstructionIsTested();
    void badKwargs_data();
    void badKwargs();
    void threeInstructionsScoreTwoThirds();
    void emptyListScoresZeroWithZeroWeight();
    void kwargsAsJsonTextOrList();
    void nullKwargsValuesAreDropped();
    void emptyAnswerFollowsNothing();
    void rowErrors_data();
    void rowErrors();
    void cancelled();
    void textHelpers();
    void detectsLanguages_data();
    void detectsLanguages();
    void dominantLineLanguage();
};

void TestIfeval::definition()
{
    const api::ScoringFn fn = ifevalScoringFunction()->definition();
    QCOMPARE(fn.identifier, std::string("basic::ifeval"));
    QCOMPARE(fn.provider_id, std::string("basic"));
    QCOMPARE(fn.provider_resource_id, std::optional<std::string>("ifeval"));
    QCOMPARE(fn.return_type.type, api::ParamTypeKind::Number);
    QVERIFY(fn.params.has_value());
    const auto *basic = std::get_if<api::BasicScoringFnParams>(&*fn.params);
    QVERIFY(basic);
    QCOMPARE(basic->aggregation_functions.size(), size_t(1));
    QCOMPARE(basic->aggregation_functions[0], api::AggregationFunctionType::WeightedAverage);
    QCOMPARE(ifeval::instructionIds().size(), size_t(25));
}

void TestIfeval::rejectsOtherParamsTypes()
{
    const auto scorer = ifevalScoringFunction()->prepare(api::RegexParserScoringFnParams{}, "tester");
    QVERIFY(!scorer);
    QCOMPARE(scorer.error().status, 400);
    QVERIFY(QString::fromStdString(scorer.error().detail).contains("regex_parser"));
}

void TestIfeval::instructions_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QByteArray>("kwargs");
    QTest::addColumn<QString>("answer");
    QTest::addColumn<bool>("followed");
    for (const InstructionCase &c : instructionCases())
        QTest::newRow(c.name) << c.id << c.kwargs << c.answer << c.followed;
}

void TestIfeval::instructions()
{
    QFETCH(QString, id);
    QFETCH(QByteArray, kwargs);
    QFETCH(QString, answer);
    QFETCH(bool, followed);

    const auto result = scoreRow(oneInstructionRow(id, kwargs, answer));
    QVERIFY2(result.ok(), result.ok() ? "" : result.error().detail.c_str());
    const Json &score = result->value;
    QCOMPARE(score["score"].get<double>(), followed ? 1.0 : 0.0);
    QCOMPARE(score["weight"].get<double>(), 1.0);
    QCOMPARE(score["instructions"].size(), size_t(1));
    QCOMPARE(score["instructions"][0]["id"].get<std::string>(), id.toStdString());
    QCOMPARE(score["instructions"][0]["followed"].get<bool>(), followed);
}

void TestIfeval::everyRegistryInstructionIsTested()
{
    QSet<QString> followed;
    QSet<QString> notFollowed;
    for (const InstructionCase &c : instructionCases())
        (c.followed ? followed : notFollowed).insert(c.id);
    for (const std::string &id : ifeval::instructionIds()) {
        const QString name = QString::fromStdString(id);
        QVERIFY2(followed.contains(name), qPrintable(name + " has no followed case"));
        QVERIFY2(notFollowed.contains(name), qPrintable(name + " has no not-followed case"));
    }
}

void TestIfeval::badKwargs_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QByteArray>("kwargs");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("missing frequency") << "keywords:frequency"
                                       << QByteArray(R"({"keyword": "x", "relation": "at least"})")
                                       << "'frequency' is required";
    QTest::newRow("bad relation") << "length_constraints:number_words"
                                  << QByteArray(R"({"num_words": 3, "relation": "more than"})")
                                  << "more than";
    QTest::newRow("negative count") << "detectable_format:number_bullet_lists"
                                    << QByteArray(R"({"num_bullets": -1})")
                                    << "'num_bullets' must be at least 0";
    QTest::newRow("string count") << "detectable_content:number_placeholders"
                                  << QByteArray(R"({"num_placeholders": "2"})") << "must be an integer";
    QTest::newRow("unexpected argument") << "detectable_format:title" << QByteArray(R"({"num_words": 3})")
                                         << "unexpected argument 'num_words'";
    QTest::newRow("invalid regex keyword") << "keywords:existence"
                                           << QByteArray(R"({"keywords": ["(unclosed"]})")
                                           << "not a valid one";
    QTest::newRow("empty keyword list") << "keywords:existence" << QByteArray(R"({"keywords": []})")
                                        << "must not be empty";
    QTest::newRow("two letters") << "keywords:letter_frequency"
                                 << QByteArray(R"({"letter": "ab", "let_frequency": 1,)"
                                               R"( "let_relation": "at least"})")
                                 << "one letter";
    QTest::newRow("unknown language") << "language:response_language" << QByteArray(R"({"language": "xx"})")
                                      << "'xx'";
    QTest::newRow("nth beyond count") << "length_constraints:nth_paragraph_first_word"
                                      << QByteArray(R"({"num_paragraphs": 2, "nth_paragraph": 3,)"
                                                    R"( "first_word": "a"})")
                                      << "nth_paragraph";
    QTest::newRow("missing prompt_to_repeat") << "combination:repeat_prompt" << QByteArray("{}")
                                              << "'prompt_to_repeat' is required";
}

void TestIfeval::badKwargs()
{
    QFETCH(QString, id);
    QFETCH(QByteArray, kwargs);
    QFETCH(QString, mentions);

    const auto result = scoreRow(oneInstructionRow(id, kwargs, "Some answer."));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().status, 400);
    const QString detail = QString::fromStdString(result.error().detail);
    QVERIFY2(detail.startsWith("kwargs[0] (" + id + "): "), qPrintable(detail));
    QVERIFY2(detail.contains(mentions), qPrintable(detail));
}

void TestIfeval::threeInstructionsScoreTwoThirds()
{
    const Json row = {
        {"prompt", "Write about cats without commas, in lower case, with a title."},
        {"instruction_id_list",
         {"punctuation:no_comma", "change_case:english_lowercase", "detectable_format:title"}},
        {"kwargs", {Json::object(), Json::object(), Json::object()}},
        {"generated_answer", "  cats are the best pets and they sleep all day  "}};
    const auto result = scoreRow(row);
    QVERIFY2(result.ok(), result.ok() ? "" : result.error().detail.c_str());
    const Json &score = result->value;
    QCOMPARE(score["score"].get<double>(), 2.0 / 3.0);
    QCOMPARE(score["weight"].get<double>(), 3.0);
    const Json expected = Json::array({Json{{"id", "punctuation:no_comma"}, {"followed", true}},
                                       Json{{"id", "change_case:english_lowercase"}, {"followed", true}},
                                       Json{{"id", "detectable_format:title"}, {"followed", false}}});
    QCOMPARE(QString::fromStdString(score["instructions"].dump()), QString::fromStdString(expected.dump()));
}

void TestIfeval::emptyListScoresZeroWithZeroWeight()
{
    const auto result =
        scoreRow(Json{{"instruction_id_list", Json::array()}, {"generated_answer", "anything"}});
    QVERIFY(result.ok());
    QCOMPARE(result->value["score"].get<double>(), 0.0);
    QCOMPARE(result->value["weight"].get<double>(), 0.0);
    QCOMPARE(QString::fromStdString(result->value["instructions"].dump()), QString("[]"));
}

void TestIfeval::kwargsAsJsonTextOrList()
{
    const Json ids = {"keywords:frequency", "length_constraints:number_words"};
    const Json kwargs = {Json{{"keyword", "sun"}, {"frequency", 2}, {"relation", "at least"}},
                         Json{{"num_words", 4}, {"relation", "less than"}}};
    const std::string answer = "The sun and the sun again.";
    const auto asLists =
        scoreRow(Json{{"instruction_id_list", ids}, {"kwargs", kwargs}, {"generated_answer", answer}});
    const auto asText = scoreRow(
        Json{{"instruction_id_list", ids.dump()}, {"kwargs", kwargs.dump()}, {"generated_answer", answer}});
    QVERIFY(asLists.ok());
    QVERIFY(asText.ok());
    QCOMPARE(asLists->value["score"].get<double>(), 0.5);
    QCOMPARE(QString::fromStdString(asText->value.dump()), QString::fromStdString(asLists->value.dump()));
}

void TestIfeval::nullKwargsValuesAreDropped()
{
    // The HF google/IFEval rows carry every argument name, null where unused.
    const QByteArray kwargs =
        R"({"num_placeholders": 1, "keyword": null, "relation": null, "num_words": null})";
    const auto result =
        scoreRow(oneInstructionRow("detectable_content:number_placeholders", kwargs, "Hi [name]"));
    QVERIFY2(result.ok(), result.ok() ? "" : result.error().detail.c_str());
    QCOMPARE(result->value["score"].get<double>(), 1.0);
}

void TestIfeval::emptyAnswerFollowsNothing()
{
    // no_comma would hold for "", but upstream only checks a non-empty (stripped) answer.
    const auto result = scoreRow(oneInstructionRow("punctuation:no_comma", "{}", "   \n "));
    QVERIFY(result.ok());
    QCOMPARE(result->value["score"].get<double>(), 0.0);
    QCOMPARE(result->value["weight"].get<double>(), 1.0);
}

void TestIfeval::rowErrors_data()
{
    QTest::addColumn<QByteArray>("row");
    QTest::addColumn<QString>("detail");

    QTest::newRow("missing instruction_id_list") << QByteArray(R"({"generated_answer": "x"})")
                                                 << "row is missing 'instruction_id_list'";
    QTest::newRow("missing generated_answer") << QByteArray(R"({"instruction_id_list": []})")
                                              << "row is missing 'generated_answer'";
    QTest::newRow("missing kwargs")
        << QByteArray(R"({"instruction_id_list": ["punctuation:no_comma"], "generated_answer": "x"})")
                                    << "row is missing 'kwargs'";
    QTest::newRow("unknown instruction")
        << QByteArray(R"({"instruction_id_list": ["punctuation:no_comma", "foo:bar"],)"
                      R"( "kwargs": [{}, {}], "generated_answer": "x"})")
        << "instruction_id_list[1]: unknown instruction 'foo:bar'";
    QTest::newRow("commented out upstream")
        << QByteArray(R"({"instruction_id_list": ["detectable_format:rephrase"], "kwargs": [{}],)"
                      R"( "generated_answer": "x"})")
        << "instruction_id_list[0]: unknown instruction 'detectable_format:rephrase'";
    QTest::newRow("list text that is not a list")
        << QByteArray(R"({"instruction_id_list": "punctuation:no_comma", "kwargs": [{}],)"
                      R"( "generated_answer": "x"})")
        << "'instruction_id_list' is a string that does not hold a JSON list";
    QTest::newRow("too few kwargs")
        << QByteArray(R"({"instruction_id_list": ["punctuation:no_comma", "detectable_format:title"],)"
                      R"( "kwargs": [{}], "generated_answer": "x"})")
        << "'kwargs' has 1 entries for 2 instructions";
    QTest::newRow("kwargs entry not an object")
        << QByteArray(R"({"instruction_id_list": ["punctuation:no_comma"], "kwargs": [3],)"
                      R"( "generated_answer": "x"})")
        << "kwargs[0] must be an object, got an integer";
    QTest::newRow("answer not a string")
        << QByteArray(R"({"instruction_id_list": [], "generated_answer": 5})")
        << "'generated_answer' must be a string, got an integer";
}

void TestIfeval::rowErrors()
{
    QFETCH(QByteArray, row);
    QFETCH(QString, detail);

    const auto result = scoreRow(Json::parse(row.toStdString()));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().status, 400);
    QCOMPARE(QString::fromStdString(result.error().detail), detail);
}

void TestIfeval::cancelled()
{
    api::CancelToken cancel;
    cancel.cancel();
    const auto result = scoreRow(oneInstructionRow("punctuation:no_comma", "{}", "x"), cancel);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().status, 499);
}

void TestIfeval::textHelpers()
{
    using namespace ifeval;
    // count_words_cjk's own docstring example.
    QCOMPARE(countWordsCjk(QStringLiteral("こんにちは、ジェイソンさん、Jason? Nice to meet you☺ ❤")), 19);
    QCOMPARE(countWords("Hello, world: it's 2024!"), 5);
    QCOMPARE(countSentences("Dr. Who arrived. He left at 5 p.m. yesterday! Why?"), 3);
    QCOMPARE(countSentences("No final punctuation here"), 1);
    QCOMPARE(countSentences(""), 0);
    QCOMPARE(countSentencesCjkHindi(QStringLiteral("你好。你好吗？\n我很好")), 3);
    QCOMPARE(treebankWords("I CAN'T, OK? U.S.A. well-known CANNOT"),
             QStringList({"I", "CA", "N'T", "OK", "U.S.A", "well-known", "CAN", "NOT"}));
    QVERIFY(isUpper("HELLO, WORLD 42"));
    QVERIFY(!isUpper("42 !"));
    QVERIFY(isLower("hello 42"));
    QVERIFY(!isLower("Hello"));
    QCOMPARE(splitLines("a\r\nb\rc\n"), QStringList({"a", "b", "c"}));
    QCOMPARE(pyStrip(QStringLiteral("\u2003 x \n")), QString("x"));
}

void TestIfeval::detectsLanguages_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("language");

    QTest::newRow("en") << "This is a small test and it is not hard." << "en";
    QTest::newRow("de") << "Das ist ein kleiner Test und er ist nicht schwer." << "de";
    QTest::newRow("fr") << "Ceci est un test et il n'est pas difficile pour nous." << "fr";
    QTest::newRow("es") << "Este es un examen y no es difícil para nosotros." << "es";
    QTest::newRow("it") << "Questo è un test molto semplice e non è difficile." << "it";
    QTest::newRow("pt") << "Este é um teste muito simples e não é difícil." << "pt";
    QTest::newRow("nl") << "Dit is een eenvoudige test en het is niet moeilijk." << "nl";
    QTest::newRow("sv") << "Det här är ett enkelt test och det är inte svårt." << "sv";
    QTest::newRow("fi") << "Tämä on helppo testi ja se ei ole vaikea." << "fi";
    QTest::newRow("pl") << "To jest bardzo prosty test i nie jest trudny." << "pl";
    QTest::newRow("tr") << "Bu çok kolay bir test ve zor değil." << "tr";
    QTest::newRow("vi") << "Tôi không biết điều này là gì." << "vi";
    QTest::newRow("sw") << "Hii ni mtihani rahisi sana kwa wanafunzi wa shule." << "sw";
    QTest::newRow("ru") << "Это простой тест, и он не сложный." << "ru";
    QTest::newRow("uk") << "Це простий тест і він не складний." << "uk";
    QTest::newRow("bg") << "Това е прост тест и не е труден за нас." << "bg";
    QTest::newRow("ar") << "هذا اختبار بسيط باللغة العربية" << "ar";
    QTest::newRow("fa") << "این یک آزمایش ساده به زبان فارسی است" << "fa";
    QTest::newRow("ur") << "یہ ایک سادہ ٹیسٹ ہے" << "ur";
    QTest::newRow("hi") << "यह एक परीक्षण है और यह कठिन नहीं है।" << "hi";
    QTest::newRow("mr") << "हे एक सोपे उदाहरण आहे आणि ते कठीण नाही." << "mr";
    QTest::newRow("bn") << "এটি একটি সহজ পরীক্ষা।" << "bn";
    QTest::newRow("ta") << "இது ஒரு எளிய சோதனை." << "ta";
    QTest::newRow("th") << "นี่คือการทดสอบง่ายๆ" << "th";
    QTest::newRow("he") << "זהו מבחן פשוט מאוד." << "he";
    QTest::newRow("ko") << "이것은 한국어 테스트입니다." << "ko";
    QTest::newRow("ja") << "これは日本語のテストです。" << "ja";
    QTest::newRow("zh") << "这是一个中文测试。" << "zh";
    QTest::newRow("no letters") << "12345 !!! ???" << "";
    QTest::newRow("latin without function words") << "Lorem ipsum dolor" << "";
}

void TestIfeval::detectsLanguages()
{
    QFETCH(QString, text);
    QFETCH(QString, language);
    QCOMPARE(QString::fromStdString(ifeval::detectLanguage(text)), language);
}

void TestIfeval::dominantLineLanguage()
{
    using ifeval::dominantLineLanguage;
    QCOMPARE(dominantLineLanguage("Das ist gut und schön.\nThis is the end.\nEs ist nicht schwer."),
             std::string("de"));
    QCOMPARE(dominantLineLanguage("abc\n!!"), std::string("en")); // no line of 4+ characters
    QCOMPARE(dominantLineLanguage(QStringLiteral("今天天气很好。\nThe end.")), std::string("zh")); // tie: first
}

QTEST_GUILESS_MAIN(TestIfeval)
#include "tst_ifeval.moc"
