#include "engine/scoring/ifeval/instructions.h"

#include "engine/scoring/ifeval/checks_p.h"

#include <utility>

namespace wb::engine::ifeval {

namespace {

using Builder = Check (*)(Kwargs &);

// INSTRUCTION_DICT, in upstream's order.
const std::vector<std::pair<std::string, Builder>> &registry()
{
    static const std::vector<std::pair<std::string, Builder>> entries = {
        {"keywords:existence", checks::keywordExistence},
        {"keywords:frequency", checks::keywordFrequency},
        {"keywords:forbidden_words", checks::forbiddenWords},
        {"keywords:letter_frequency", checks::letterFrequency},
        {"language:response_language", checks::responseLanguage},
        {"length_constraints:number_sentences", checks::numberSentences},
        {"length_constraints:number_paragraphs", checks::numberParagraphs},
        {"length_constraints:number_words", checks::numberWords},
        {"length_constraints:nth_paragraph_first_word", checks::nthParagraphFirstWord},
        {"detectable_content:number_placeholders", checks::numberPlaceholders},
        {"detectable_content:postscript", checks::postscript},
        {"detectable_format:number_bullet_lists", checks::numberBulletLists},
        {"detectable_format:constrained_response", checks::constrainedResponse},
        {"detectable_format:number_highlighted_sections", checks::numberHighlightedSections},
        {"detectable_format:multiple_sections", checks::multipleSections},
        {"detectable_format:json_format", checks::jsonFormat},
        {"detectable_format:title", checks::title},
        {"combination:two_responses", checks::twoResponses},
        {"combination:repeat_prompt", checks::repeatPrompt},
        {"startend:end_checker", checks::endChecker},
        {"change_case:capital_word_frequency", checks::capitalWordFrequency},
        {"change_case:english_capital", checks::englishCapital},
        {"change_case:english_lowercase", checks::englishLowercase},
        {"punctuation:no_comma", checks::noComma},
        {"startend:quotation", checks::quotation},
    };
    return entries;
}

} // namespace

api::Result<Check> makeCheck(const std::string &id, const api::Json &kwargs)
{
    for (const auto &[name, build] : registry()) {
        if (name != id)
            continue;
        if (!kwargs.is_object())
            return api::Error::badRequest(std::string("kwargs must be an object, got ")
                                          + api::jsonTypeName(kwargs));
        try {
            Kwargs reader(kwargs);
            Check check = build(reader);
            reader.finish();
            return check;
        } catch (const KwargsError &e) {
            return api::Error::badRequest(e.what());
        }
    }
    return api::Error::badRequest("unknown instruction '" + id + "'");
}

const std::vector<std::string> &instructionIds()
{
    static const std::vector<std::string> ids = [] {
        std::vector<std::string> result;
        for (const auto &entry : registry())
            result.push_back(entry.first);
        return result;
    }();
    return ids;
}

} // namespace wb::engine::ifeval
