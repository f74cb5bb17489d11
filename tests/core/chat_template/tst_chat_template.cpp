// Chat templates: the real templates of Llama 2, Llama 3/3.1/3.2, Mistral, SmolLM2, Qwen2.5 and
// Qwen3 (data/*.jinja) rendered by our Jinja subset, compared with the renderings of Python Jinja2
// configured as transformers does (data/cases.json, made by data/make_cases.py). Plus config
// loading, the opt-in ChatML fallback and errors.

#include "engine/models/chat_template.h"

#include <QFile>
#include <QtTest>

using namespace wb::engine;

namespace {

std::string readData(const QString &name)
{
    QFile f(QStringLiteral(WB_TEST_DATA_DIR) + "/" + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(f.fileName()));
    return f.readAll().toStdString();
}

} // namespace

class TestChatTemplate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesJinja2_data()
    {
        QTest::addColumn<int>("index");
        const TokJson cases = TokJson::parse(readData("cases.json"));
        for (size_t i = 0; i < cases.size(); ++i) {
            const std::string name = cases[i]["template"].get<std::string>() + " #" + std::to_string(i);
            QTest::newRow(name.c_str()) << int(i);
        }
    }

    void matchesJinja2()
    {
        QFETCH(int, index);
        const TokJson c = TokJson::parse(readData("cases.json"))[size_t(index)];
        const std::string name = c["template"].get<std::string>();
        auto t = ChatTemplate::fromSource(readData(QString::fromStdString(name) + ".jinja"),
                                          name + ".jinja", c["bos_token"], c["eos_token"]);
        QVERIFY2(t.ok(), t.ok() ? "" : t.error().toString().c_str());
        std::vector<ChatMessage> messages;
        for (const TokJson &m : c["messages"])
            messages.push_back({m["role"], m["content"]});
        ChatTemplateOptions options;
        options.addGenerationPrompt = c["add_generation_prompt"];
        options.today = QDate(2026, 3, 5);
        for (auto it = c["variables"].begin(); it != c["variables"].end(); ++it) {
            if (it.value().is_boolean())
                options.enableThinking = it.value().get<bool>(); // the one boolean: enable_thinking
            else
                options.variables[it.key()] = it.value().get<std::string>();
        }
        const auto r = t->render(messages, options);
        if (c.contains("error")) {
            QVERIFY(!r.ok());
            QCOMPARE(r.error().status, 400);
            QVERIFY2(r.error().detail.find(c["error"].get<std::string>()) != std::string::npos,
                     r.error().detail.c_str());
        } else {
            QVERIFY2(r.ok(), r.ok() ? "" : r.error().toString().c_str());
            QCOMPARE(QString::fromStdString(r.value()),
                     QString::fromStdString(c["text"].get<std::string>()));
        }
    }

    void recognisesFamilies()
    {
        QCOMPARE(ChatTemplate::recognise(readData("llama2.jinja")), ChatTemplateFamily::Llama2);
        QCOMPARE(ChatTemplate::recognise(readData("llama31.jinja")), ChatTemplateFamily::Llama3);
        QCOMPARE(ChatTemplate::recognise(readData("mistral.jinja")), ChatTemplateFamily::Mistral);
        QCOMPARE(ChatTemplate::recognise(readData("smollm2.jinja")), ChatTemplateFamily::ChatMl);
        QCOMPARE(ChatTemplate::recognise(readData("qwen25.jinja")), ChatTemplateFamily::ChatMl);
        QCOMPARE(ChatTemplate::recognise(readData("qwen3.jinja")), ChatTemplateFamily::Qwen3);
    }

    void fromConfig()
    {
        TokJson config = {{"chat_template", readData("llama3.jinja")},
                          {"bos_token", {{"content", "<|begin_of_text|>"}}},
                          {"eos_token", "<|eot_id|>"}};
        auto t = ChatTemplate::fromConfig(config, "m/tokenizer_config.json");
        QVERIFY(t.ok());
        QCOMPARE(t->bosToken(), std::string("<|begin_of_text|>"));
        QVERIFY(!t->isFallback());
        const auto r = t->render({{"user", "hi"}});
        QCOMPARE(r.value(), std::string("<|begin_of_text|><|start_header_id|>user<|end_header_id|>"
                                        "\n\nhi<|eot_id|><|start_header_id|>assistant"
                                        "<|end_header_id|>\n\n"));

        // Named templates: the "default" one is used.
        config["chat_template"] = TokJson::array(
            {{{"name", "tool_use"}, {"template", "x"}},
             {{"name", "default"}, {"template", "{{ messages[0].content }}"}}});
        QCOMPARE(ChatTemplate::fromConfig(config, "c.json")->render({{"user", "hi"}}).value(),
                 std::string("hi"));
    }

    void unknownTemplateIsAnErrorUnlessFallbackAsked()
    {
        const TokJson none = {{"eos_token", "</s>"}};
        auto r = ChatTemplate::fromConfig(none, "m/tokenizer_config.json");
        QVERIFY(!r.ok());
        QCOMPARE(r.error().status, 400);
        QVERIFY(r.error().detail.find("m/tokenizer_config.json: chat_template") == 0);

        const TokJson odd = {{"chat_template", "{% macro m() %}x{% endmacro %}{{ m() }}"}};
        r = ChatTemplate::fromConfig(odd, "m/tokenizer_config.json");
        QVERIFY(!r.ok());
        QVERIFY2(r.error().detail.find("unsupported statement 'macro'") != std::string::npos,
                 r.error().detail.c_str());

        r = ChatTemplate::fromConfig(odd, "m/tokenizer_config.json", ChatTemplate::Fallback::ChatMl);
        QVERIFY(r.ok());
        QVERIFY(r->isFallback());
        QCOMPARE(r->render({{"system", "s"}, {"user", "u"}}).value(),
                 std::string("<|im_start|>system\ns<|im_end|>\n<|im_start|>user\nu<|im_end|>\n"
                             "<|im_start|>assistant\n"));
        ChatTemplateOptions noPrompt;
        noPrompt.addGenerationPrompt = false;
        QCOMPARE(ChatTemplate::chatMl().render({{"user", "u"}}, noPrompt).value(),
                 std::string("<|im_start|>user\nu<|im_end|>\n"));
    }

    void renderErrors()
    {
        auto t = ChatTemplate::fromSource("{{ 1 + 'a' }}", "t");
        QVERIFY(t.ok());
        const auto r = t->render({});
        QVERIFY(!r.ok());
        QCOMPARE(r.error().status, 400);
        QVERIFY(!ChatTemplate::fromSource("{% if x %}", "t").ok());
        QVERIFY(!ChatTemplate::fromSource("{{ x | nosuchfilter }}", "t")->render({}).ok());
        QVERIFY(!ChatTemplate::fromConfigFile("/nonexistent/tokenizer_config.json").ok());
    }
};

QTEST_GUILESS_MAIN(TestChatTemplate)
#include "tst_chat_template.moc"
