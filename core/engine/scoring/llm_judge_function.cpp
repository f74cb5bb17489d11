#include "engine/scoring/llm_judge_function.h"

#include "engine/scoring/judge_prompt.h"

#include <QRegularExpression>
#include <QString>

namespace wb::engine {

namespace {

constexpr const char *kProvider = "llm-as-judge";
constexpr const char *kDefaultJudge = "meta-llama/Llama-3.1-405B-Instruct";

// The SimpleQA grader prompt (openai/simple-evals, simpleqa_eval.py), as upstream Llama Stack
// ships it in fn_defs/llm_as_judge_405b_simpleqa.py, typos included, so scores compare.
const char *const kSimpleQaTemplate = R"TPL(Your job is to look at a question, a gold target, and a predicted answer, and then assign a grade of either ["CORRECT", "INCORRECT", "NOT_ATTEMPTED"].
First, I will give examples of each grade, and then you will grade a new example.
The following are examples of CORRECT predicted answers.
```
Question: What are the names of Barack Obama's children?
Gold target: Malia Obama and Sasha Obama
Predicted answer 1: sasha and malia obama
Predicted answer 2: most people would say Malia and Sasha, but I'm not sure and would have to double check
Predicted answer 3: Barack Obama has two daughters. Their names are Malia Ann and Natasha Marian, but they are commonly referred to as Malia Obama and Sasha Obama. Malia was born on July 4, 1998, and Sasha was born on June 10, 2001.
```
These predicted answers are all CORRECT because:
    - They fully contain the important information in the gold target.
    - They do not contain any information that contradicts the gold target.
    - Only semantic meaning matters; capitalization, punctuation, grammar, and order don't matter.
    - Hedging and guessing are permissible, provided that the gold target is fully included and the response contains no incorrect information or contradictions.
The following are examples of INCORRECT predicted answers.
```
Question: What are the names of Barack Obama's children?
Gold target: Malia and Sasha
Predicted answer 1: Malia.
Predicted answer 2: Malia, Sasha, and Susan.
Predicted answer 3: Barack Obama does not have any children.
Predicted answer 4: I think it's either Malia and Sasha. Or it could be Malia and Jackie. Or it could be Joey and Malia.
Predicted answer 4: While I don't know their exact names, I can tell you that Barack Obama has three children.
Predicted answer 5: It's possible you may mean Betsy and Olivia. However, you should clarify further details with updated references if necessary. Is that the correct answer?
Predicted answer 6: It may be the case that Obama's child is named James. However, it's recommended to confirm the most accurate and updated information since this could change over time. This model may not always reflect the most current information.
```
These predicted answers are all INCORRECT because:
    - A factual statement in the answer contradicts the gold target. Incorrect statements that have some hedging (e.g., "it is possible that", "although i'm not sure, i think") are also considered incorrect.
The following are examples of NOT_ATTEMPTED predicted answers.
```
Question: What are the names of Barack Obama's children?
Gold target: Malia and Sasha
Predicted answer 1: I don't know.
Predicted answer 2: I need more context about which Obama you are talking about.
Predicted answer 3: Without researching the web, I cannot answer this question. However, I can tell you that Barack Obama has two children.
Predicted answer 4: Barack Obama has two children. I know that one of them is Malia, but I'm not sure about the other one.
```
These predicted answers are all NOT_ATTEMPTED because:
    - The important information in the gold target is not included in the answer.
    - No statements in the answer contradict the gold target.
Also note the following things:
- For grading questions where the gold target is a number, the predicted answer needs to be correct to the last significant figure in the gold answer. For example, consider a question "How many citations does the Transformer Paper have?" with gold target "120k".
    - Predicted answers "120k", "124k", and 115k" are all CORRECT.
    - Predicted answers "100k" and "113k" are INCORRECT.
    - Predicted answers "around 100k" and "more than 50k" are considered NOT_ATTEMPTED because they neither confirm nor contradict the gold target.
- The gold target may contain more information than the question. In such cases, the predicted answer only needs to contain the information that is in the question.
    - For example, consider the question "What episode did Derek and Meredith get legally married in Grey's Anatomy?" with gold target "Season 7, Episode 20: White Wedding". Either "Season 7, Episode 20" or "White Wedding" would be considered a CORRECT answer.
- Do not punish predicted answers if they omit information that would be clearly inferred from the question.
    - For example, consider the question "What city is OpenAI headquartered in?" and the gold target "San Francisco, California". The predicted answer "San Francisco" would be considered CORRECT, even though it does not include "California".
    - Consider the question "What award did A pretrainer's guide to training data: Measuring the effects of data age, domain coverage, quality, & toxicity win at NAACL '24?", the gold target is "Outstanding Paper Award". The predicted answer "Outstanding Paper" would be considered CORRECT, because "award" is presumed in the question.
    - For the question "What is the height of Jason Wei in meters?", the gold target is "1.73 m". The predicted answer "1.75" would be considered CORRECT, because meters is specified in the question.
    - For the question "What is the name of Barack Obama's wife?", the gold target is "Michelle Obama". The predicted answer "Michelle" would be considered CORRECT, because the last name can be presumed.
- Do not punish for typos in people's name if it's clearly the same name.
    - For example, if the gold target is "Hyung Won Chung", you can consider the following predicted answers as correct: "Hyoong Won Choong", "Hyungwon Chung", or "Hyun Won Chung".
Here is a new example. Simply reply with either CORRECT, INCORRECT, NOT ATTEMPTED. Don't apologize or correct yourself if there was a mistake; we are just trying to grade the answer.
```
Question: {input_query}
Gold target: {expected_answer}
Predicted answer: {generated_answer}
```
Grade the predicted answer of this new question as one of:
A: CORRECT
B: INCORRECT
C: NOT_ATTEMPTED
Just return the letters "A", "B", or "C", with no text around it.)TPL";

class JudgeScorer final : public RowScorer
{
public:
    JudgeScorer(JudgeCall judge, std::string principal, std::string model, JudgePrompt prompt,
                std::vector<QRegularExpression> regexes)
        : m_judge(std::move(judge)), m_principal(std::move(principal)), m_model(std::move(model)),
          m_prompt(std::move(prompt)), m_regexes(std::move(regexes))
    {}

    api::Result<api::JsonObject> score(const api::JsonObject &row, const api::CancelToken &cancel) const override
    {
        if (cancel.isCancelled())
            return api::Error::cancelled();
        auto prompt = m_prompt.fill(row);
        if (!prompt)
            return prompt.error();
        auto reply = m_judge(m_principal, m_model, prompt.value(), cancel);
        if (!reply)
            return reply.error();
        api::Json score = nullptr;
        const QString text = QString::fromStdString(reply.value());
        for (const QRegularExpression &re : m_regexes) {
            const QRegularExpressionMatch match = re.match(text);
            if (!match.hasMatch())
                continue;
            // Python's group(1) is None when the group did not take part in the match.
            if (match.capturedStart(1) >= 0)
                score = match.captured(1).toStdString();
            break;
        }
        api::JsonObject out;
        out.value["score"] = std::move(score);
        out.value["judge_feedback"] = reply.value();
        return out;
    }

private:
    JudgeCall m_judge;
    std::string m_principal;
    std::string m_model;
    JudgePrompt m_prompt;
    std::vector<QRegularExpression> m_regexes;
};

class JudgeFunction final : public ScoringFunctionImpl
{
public:
    JudgeFunction(api::ScoringFn definition, JudgeCall judge)
        : m_definition(std::move(definition)), m_judge(std::move(judge))
    {}

    api::ScoringFn definition() const override { return m_definition; }

    api::Result<std::shared_ptr<const RowScorer>> prepare(const api::ScoringFnParams &params,
                                                          const std::string &principal) const override
    {
        const auto *given = std::get_if<api::LlmAsJudgeScoringFnParams>(&params);
        if (!given)
            return api::Error::badRequest("'" + m_definition.identifier
                                          + "' is an LLM-as-judge function: it takes params of type "
                                            "llm_as_judge only");
        const api::LlmAsJudgeScoringFnParams *defaults = nullptr;
        if (m_definition.params)
            defaults = std::get_if<api::LlmAsJudgeScoringFnParams>(&*m_definition.params);

        std::string model = given->judge_model;
        if (model.empty() && defaults)
            model = defaults->judge_model;
        if (model.empty())
            return api::Error::badRequest("judge_model: field required");
        std::optional<std::string> templateText = given->prompt_template;
        if (!templateText && defaults)
            templateText = defaults->prompt_template;
        if (!templateText)
            return api::Error::badRequest("prompt_template: field required");
        auto prompt = JudgePrompt::parse(*templateText);
        if (!prompt)
            return api::Error::badRequest("prompt_template: " + prompt.error().detail);

        const std::vector<std::string> &patterns = !given->judge_score_regexes.empty() || !defaults
                                                       ? given->judge_score_regexes
                                                       : defaults->judge_score_regexes;
        std::vector<QRegularExpression> regexes;
        for (size_t i = 0; i < patterns.size(); ++i) {
            QRegularExpression re(QString::fromStdString(patterns[i]),
                                  QRegularExpression::UseUnicodePropertiesOption);
            const std::string where = "judge_score_regexes[" + std::to_string(i) + "]";
            if (!re.isValid())
                return api::Error::badRequest(where + ": invalid regex '" + patterns[i]
                                              + "': " + re.errorString().toStdString() + " at offset "
                                              + std::to_string(re.patternErrorOffset()));
            if (re.captureCount() < 1)
                return api::Error::badRequest(where + ": the regex '" + patterns[i]
                                              + "' needs a capture group: its group 1 is the score");
            re.optimize();
            regexes.push_back(std::move(re));
        }
        return std::shared_ptr<const RowScorer>(std::make_shared<JudgeScorer>(
            m_judge, principal, std::move(model), std::move(prompt).value(), std::move(regexes)));
    }

private:
    api::ScoringFn m_definition;
    JudgeCall m_judge;
};

api::ScoringFn builtin(const char *id, const char *resourceId, const char *description,
                       const char *templateText, std::vector<std::string> regexes,
                       std::vector<api::AggregationFunctionType> aggregations)
{
    api::ScoringFn fn;
    fn.identifier = id;
    fn.provider_resource_id = resourceId;
    fn.provider_id = kProvider;
    fn.description = description;
    fn.return_type = api::ParamType{api::ParamTypeKind::Number};
    fn.params = api::LlmAsJudgeScoringFnParams{kDefaultJudge, std::string(templateText), std::move(regexes),
                                               std::move(aggregations)};
    return fn;
}

} // namespace

std::shared_ptr<const ScoringFunctionImpl> makeJudgeFunction(api::ScoringFn definition, JudgeCall judge)
{
    return std::make_shared<JudgeFunction>(std::move(definition), std::move(judge));
}

ScoringFunctionList builtinJudgeFunctions(JudgeCall judge)
{
    return {
        makeJudgeFunction(builtin("llm-as-judge::base", "llm-as-judge-base", "Llm As Judge Scoring Function",
                                  "Enter custom LLM as Judge Prompt Template", {}, {}),
                          judge),
        makeJudgeFunction(
            builtin("llm-as-judge::405b-simpleqa", "llm-as-judge-405b-simpleqa",
                    "Llm As Judge Scoring Function for SimpleQA Benchmark "
                    "(https://github.com/openai/simple-evals/blob/main/simpleqa_eval.py)",
                    kSimpleQaTemplate, {"(A|B|C)"}, {api::AggregationFunctionType::CategoricalCount}),
            judge),
    };
}

} // namespace wb::engine
