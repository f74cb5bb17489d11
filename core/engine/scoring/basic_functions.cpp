#include "engine/scoring/basic_functions.h"

#include "engine/scoring/basic_functions_p.h"
#include "engine/scoring/ifeval/ifeval_function.h"
#include "engine/scoring/python_text.h"

namespace wb::engine {

namespace basic {

api::Result<const api::Json *> column(const api::JsonObject &row, const char *name)
{
    auto it = row.value.find(name);
    if (it == row.value.end())
        return api::Error::badRequest(std::string("row is missing '") + name + "'");
    return &*it;
}

std::string columnText(const api::Json &value) { return answerText(value); }

QString columnQString(const api::Json &value)
{
    if (value.is_string()) {
        const std::string &s = value.get_ref<const std::string &>();
        return QString::fromUtf8(s.data(), qsizetype(s.size()));
    }
    return QString::fromStdString(value.dump());
}

api::ScoringFn definition(const std::string &identifier, const std::string &providerResourceId,
                          const std::string &description, api::ScoringFnParams params)
{
    api::ScoringFn fn;
    fn.identifier = identifier;
    fn.provider_resource_id = providerResourceId;
    fn.provider_id = "basic";
    fn.description = description;
    fn.return_type.type = api::ParamTypeKind::Number;
    fn.params = std::move(params);
    return fn;
}

const char *paramsTypeName(const api::ScoringFnParams &params)
{
    switch (params.index()) {
    case 0: return "llm_as_judge";
    case 1: return "regex_parser";
    default: return "basic";
    }
}

api::Result<const api::RegexParserScoringFnParams *> regexParams(const api::ScoringFnParams &params,
                                                                 const std::string &identifier)
{
    if (const auto *p = std::get_if<api::RegexParserScoringFnParams>(&params))
        return p;
    return api::Error::badRequest(identifier + " takes params of type regex_parser, got "
                                  + paramsTypeName(params));
}

} // namespace basic

ScoringFunctionList basicScoringFunctions()
{
    ScoringFunctionList list{basic::equalityFunction(), basic::subsetOfFunction(),
                             basic::multipleChoiceFunction(), basic::mathResponseFunction()};
    if (auto ifeval = ifevalScoringFunction()) // written separately; absent until it lands
        list.push_back(std::move(ifeval));
    list.push_back(basic::docvqaFunction());
    return list;
}

} // namespace wb::engine
