#include "engine/scoring/docvqa_normalize.h"

#include <QHash>
#include <QStringList>

namespace wb::engine::docvqa {

namespace {

const QHash<QString, QString> &contractions()
{
    static const QHash<QString, QString> table = [] {
        const std::pair<const char *, const char *> entries[] = {
            {"aint", "ain't"},
            {"arent", "aren't"},
            {"cant", "can't"},
            {"couldve", "could've"},
            {"couldnt", "couldn't"},
            {"couldn'tve", "couldn't've"},
            {"couldnt've", "couldn't've"},
            {"didnt", "didn't"},
            {"doesnt", "doesn't"},
            {"dont", "don't"},
            {"hadnt", "hadn't"},
            {"hadnt've", "hadn't've"},
            {"hadn'tve", "hadn't've"},
            {"hasnt", "hasn't"},
            {"havent", "haven't"},
            {"hed", "he'd"},
            {"hed've", "he'd've"},
            {"he'dve", "he'd've"},
            {"hes", "he's"},
            {"howd", "how'd"},
            {"howll", "how'll"},
            {"hows", "how's"},
            {"Id've", "I'd've"},
            {"I'dve", "I'd've"},
            {"Im", "I'm"},
            {"Ive", "I've"},
            {"isnt", "isn't"},
            {"itd", "it'd"},
            {"itd've", "it'd've"},
            {"it'dve", "it'd've"},
            {"itll", "it'll"},
            {"let's", "let's"},
            {"maam", "ma'am"},
            {"mightnt", "mightn't"},
            {"mightnt've", "mightn't've"},
            {"mightn'tve", "mightn't've"},
            {"mightve", "might've"},
            {"mustnt", "mustn't"},
            {"mustve", "must've"},
            {"neednt", "needn't"},
            {"notve", "not've"},
            {"oclock", "o'clock"},
            {"oughtnt", "oughtn't"},
            {"ow's'at", "'ow's'at"},
            {"'ows'at", "'ow's'at"},
            {"'ow'sat", "'ow's'at"},
            {"shant", "shan't"},
            {"shed've", "she'd've"},
            {"she'dve", "she'd've"},
            {"she's", "she's"},
            {"shouldve", "should've"},
            {"shouldnt", "shouldn't"},
            {"shouldnt've", "shouldn't've"},
            {"shouldn'tve", "shouldn't've"},
            {"somebody'd", "somebodyd"},
            {"somebodyd've", "somebody'd've"},
            {"somebody'dve", "somebody'd've"},
            {"somebodyll", "somebody'll"},
            {"somebodys", "somebody's"},
            {"someoned", "someone'd"},
            {"someoned've", "someone'd've"},
            {"someone'dve", "someone'd've"},
            {"someonell", "someone'll"},
            {"someones", "someone's"},
            {"somethingd", "something'd"},
            {"somethingd've", "something'd've"},
            {"something'dve", "something'd've"},
            {"somethingll", "something'll"},
            {"thats", "that's"},
            {"thered", "there'd"},
            {"thered've", "there'd've"},
            {"there'dve", "there'd've"},
            {"therere", "there're"},
            {"theres", "there's"},
            {"theyd", "they'd"},
            {"theyd've", "they'd've"},
            {"they'dve", "they'd've"},
            {"theyll", "they'll"},
            {"theyre", "they're"},
            {"theyve", "they've"},
            {"twas", "'twas"},
            {"wasnt", "wasn't"},
            {"wed've", "we'd've"},
            {"we'dve", "we'd've"},
            {"weve", "we've"},
            {"werent", "weren't"},
            {"whatll", "what'll"},
            {"whatre", "what're"},
            {"whats", "what's"},
            {"whatve", "what've"},
            {"whens", "when's"},
            {"whered", "where'd"},
            {"wheres", "where's"},
            {"whereve", "where've"},
            {"whod", "who'd"},
            {"whod've", "who'd've"},
            {"who'dve", "who'd've"},
            {"wholl", "who'll"},
            {"whos", "who's"},
            {"whove", "who've"},
            {"whyll", "why'll"},
            {"whyre", "why're"},
            {"whys", "why's"},
            {"wont", "won't"},
            {"wouldve", "would've"},
            {"wouldnt", "wouldn't"},
            {"wouldnt've", "wouldn't've"},
            {"wouldn'tve", "wouldn't've"},
            {"yall", "y'all"},
            {"yall'll", "y'all'll"},
            {"y'allll", "y'all'll"},
            {"yall'd've", "y'all'd've"},
            {"y'alld've", "y'all'd've"},
            {"y'all'dve", "y'all'd've"},
            {"youd", "you'd"},
            {"youd've", "you'd've"},
            {"you'dve", "you'd've"},
            {"youll", "you'll"},
            {"youre", "you're"},
            {"youve", "you've"},
            {"1st", "first"},
            {"2nd", "second"},
            {"3rd", "third"},
        };
        QHash<QString, QString> h;
        for (const auto &[from, to] : entries)
            h.insert(QString::fromUtf8(from), QString::fromUtf8(to));
        return h;
    }();
    return table;
}

const QHash<QString, QString> &numbers()
{
    static const QHash<QString, QString> table{
        {"none", "0"}, {"zero", "0"}, {"one", "1"}, {"two", "2"}, {"three", "3"}, {"four", "4"},
        {"five", "5"}, {"six", "6"}, {"seven", "7"}, {"eight", "8"}, {"nine", "9"}, {"ten", "10"},
    };
    return table;
}

bool isArticle(const QString &w)
{
    return w == u"a" || w == u"an" || w == u"the" || w == u"to" || w == u"in" || w == u"from" || w == u"by";
}

const char16_t *const kPunctuation[] = {u";", u"/", u"[", u"]", u"\"", u"{", u"}", u"(", u")", u"=", u"+",
                                        u"\\", u"_", u"-", u">", u"<", u"@", u"`", u",", u"?", u"!"};

// COMMA_STRIP = (\d)(\,)(\d): a comma between two digits anywhere in the text.
bool hasDigitCommaDigit(const QString &s)
{
    for (qsizetype i = 1; i + 1 < s.size(); ++i)
        if (s[i] == u',' && s[i - 1].isDigit() && s[i + 1].isDigit())
            return true;
    return false;
}

// PERIOD_STRIP.sub("", s, re.UNICODE): upstream passes re.UNICODE (32) as the *count*, so at most
// 32 periods go per call; its lookbehind is written "(?!<=\d)", a lookahead that always holds, so
// what is removed is a period not followed by a digit.
QString stripPeriods(const QString &s)
{
    QString out;
    out.reserve(s.size());
    int removed = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s[i] == u'.' && removed < 32 && !(i + 1 < s.size() && s[i + 1].isDigit())) {
            ++removed;
            continue;
        }
        out += s[i];
    }
    return out;
}

} // namespace

QString normalizeAnswer(QString s)
{
    for (const char16_t *p : kPunctuation) {
        const QString punct = QString::fromUtf16(p);
        if (s.contains(punct + u" ") || s.contains(u" " + punct) || hasDigitCommaDigit(s))
            s.replace(punct, QString());
        else
            s.replace(punct, QStringLiteral(" "));
        s = stripPeriods(s);
    }
    // str.lower().split(): runs of whitespace separate words
    const QString lower = s.toLower();
    QStringList out;
    qsizetype i = 0;
    while (i < lower.size()) {
        while (i < lower.size() && lower[i].isSpace())
            ++i;
        const qsizetype start = i;
        while (i < lower.size() && !lower[i].isSpace())
            ++i;
        if (i == start)
            break;
        const QString token = lower.mid(start, i - start);
        const QString word = numbers().value(token, token);
        if (!isArticle(word))
            out << contractions().value(word, word);
    }
    return out.join(u' ');
}

} // namespace wb::engine::docvqa
