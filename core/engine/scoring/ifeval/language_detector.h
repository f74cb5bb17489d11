#pragma once

// A small language detector standing in for langdetect (which upstream IFEval calls). It returns
// ISO 639-1 codes and works in two steps:
//
//   1. Script: the letters of the text are counted per Unicode script and the most frequent script
//      decides. A script used by one language names it: Greek el, Hebrew he, Armenian hy, Georgian
//      ka, Thai th, Lao lo, Khmer km, Myanmar my, Ethiopic am, Sinhala si, Tibetan bo, Bengali bn,
//      Gurmukhi pa, Gujarati gu, Oriya or, Tamil ta, Telugu te, Kannada kn, Malayalam ml, Hangul ko.
//      Han with kana (at least a tenth of the CJK letters) is ja, Han alone zh.
//      Shared scripts are split by their letters or words: Cyrillic uk (і ї є ґ outnumbering ы э ё),
//      mk (ѓ ќ ѕ), sr (ђ ћ ј љ њ џ), else ru or bg by stop words and letters (ы э ё / ъ ѝ; ru when
//      neither is found); Arabic script ur (ٹ ڈ ڑ ں ے ھ), fa (پ چ ژ گ and Persian ی ک outnumbering
//      Arabic ي ك ة), else ar; Devanagari hi, mr or ne by stop words (hi when none is found).
//   2. Latin script: stop-word profiles of en, de, fr, es, it, pt, nl, sv, da, no, fi, pl, cs, tr,
//      vi, sw, id, ro, hu, plus a small bonus for letters typical of one language (ł ę ą, ř ě ů,
//      ğ ı ş, ơ ư đ, ș ț ă, ő ű, æ ø, ß, ñ, ã õ). The profile with most hits wins (ties: the
//      order above).
//
// Limits: no statistical model, so a text needs a few function words to be recognised: a Latin-
// script text without any (a title, a list of names, "Lorem ipsum") is "" (unknown), which the
// IFEval checks treat as langdetect's "no features" case. Close pairs (da/no, cs/sk, ms/id, hi/ne)
// and languages without a profile (e.g. sk, hr, ca, eu, tl) may be taken for a neighbour. Chinese
// is "zh" (langdetect says "zh-cn"/"zh-tw"; the checks accept those codes for zh).

#include <QString>

#include <string>
#include <vector>

namespace wb::engine::ifeval {

//! The language of `text` ("" when it cannot tell: no letters, or Latin letters without any word
//! of a known profile).
std::string detectLanguage(const QString &text);

//! IFEval's get_langid: the most frequent language of the lines of at least 4 characters
//! (stripped); lines whose language is unknown are skipped; "en" when no line is known.
//! Ties go to the language seen first.
std::string dominantLineLanguage(const QString &text);

//! The codes detectLanguage() can return.
const std::vector<std::string> &detectableLanguages();

} // namespace wb::engine::ifeval
