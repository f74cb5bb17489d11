#pragma once

// The builders of the IFEval checks, one per instruction, grouped by file:
//   keyword_checks.cpp  keywords:* and punctuation:no_comma
//   length_checks.cpp   length_constraints:* and detectable_content:*
//   format_checks.cpp   detectable_format:*
//   style_checks.cpp    language:*, change_case:*, combination:*, startend:*
// Each reads its arguments from the Kwargs (throwing KwargsError for bad ones) and returns the
// check, which follows upstream's check_following() of the same instruction.

#include "engine/scoring/ifeval/instructions.h"
#include "engine/scoring/ifeval/kwargs.h"

namespace wb::engine::ifeval::checks {

Check keywordExistence(Kwargs &kwargs);
Check keywordFrequency(Kwargs &kwargs);
Check forbiddenWords(Kwargs &kwargs);
Check letterFrequency(Kwargs &kwargs);
Check noComma(Kwargs &kwargs);

Check numberSentences(Kwargs &kwargs);
Check numberParagraphs(Kwargs &kwargs);
Check numberWords(Kwargs &kwargs);
Check nthParagraphFirstWord(Kwargs &kwargs);
Check numberPlaceholders(Kwargs &kwargs);
Check postscript(Kwargs &kwargs);

Check numberBulletLists(Kwargs &kwargs);
Check constrainedResponse(Kwargs &kwargs);
Check numberHighlightedSections(Kwargs &kwargs);
Check multipleSections(Kwargs &kwargs);
Check jsonFormat(Kwargs &kwargs);
Check title(Kwargs &kwargs);

Check responseLanguage(Kwargs &kwargs);
Check twoResponses(Kwargs &kwargs);
Check repeatPrompt(Kwargs &kwargs);
Check endChecker(Kwargs &kwargs);
Check quotation(Kwargs &kwargs);
Check capitalWordFrequency(Kwargs &kwargs);
Check englishCapital(Kwargs &kwargs);
Check englishLowercase(Kwargs &kwargs);

} // namespace wb::engine::ifeval::checks
