#pragma once

// DocVQA answer normalisation, as upstream's docvqa_scoring_fn.py::normalize_answer: punctuation
// removed (when it touches a space, or the text has a digit,digit comma) or else replaced by a
// space; a period not followed by a digit dropped; lower case; number words to digits
// (none/zero → 0 … ten → 10); the words a, an, the, to, in, from, by dropped; contractions
// fixed from upstream's table (whose capitalised keys such as "Im" never match after lower()).

#include <QString>

namespace wb::engine::docvqa {

QString normalizeAnswer(QString s);

} // namespace wb::engine::docvqa
