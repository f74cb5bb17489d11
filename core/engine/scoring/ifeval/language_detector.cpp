#include "engine/scoring/ifeval/language_detector.h"

#include "engine/scoring/ifeval/text_utils.h"

#include <QHash>
#include <QSet>
#include <QStringList>

#include <algorithm>
#include <array>
#include <map>

namespace wb::engine::ifeval {

namespace {

enum class Script {
    Other, Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic, Devanagari, Bengali, Gurmukhi, Gujarati,
    Oriya, Tamil, Telugu, Kannada, Malayalam, Sinhala, Thai, Lao, Tibetan, Myanmar, Georgian, Hangul,
    Ethiopic, Khmer, Kana, Han
};

struct ScriptRange
{
    char32_t first;
    char32_t last;
    Script script;
};

constexpr std::array<ScriptRange, 36> kScriptRanges = {{
    {0x0041, 0x024F, Script::Latin},      {0x1E00, 0x1EFF, Script::Latin},
    {0xFF21, 0xFF5A, Script::Latin},      {0x0370, 0x03FF, Script::Greek},
    {0x1F00, 0x1FFF, Script::Greek},      {0x0400, 0x052F, Script::Cyrillic},
    {0x0530, 0x058F, Script::Armenian},   {0x0590, 0x05FF, Script::Hebrew},
    {0x0600, 0x06FF, Script::Arabic},     {0x0750, 0x077F, Script::Arabic},
    {0x08A0, 0x08FF, Script::Arabic},     {0xFB50, 0xFDFF, Script::Arabic},
    {0xFE70, 0xFEFF, Script::Arabic},     {0x0900, 0x097F, Script::Devanagari},
    {0x0980, 0x09FF, Script::Bengali},    {0x0A00, 0x0A7F, Script::Gurmukhi},
    {0x0A80, 0x0AFF, Script::Gujarati},   {0x0B00, 0x0B7F, Script::Oriya},
    {0x0B80, 0x0BFF, Script::Tamil},      {0x0C00, 0x0C7F, Script::Telugu},
    {0x0C80, 0x0CFF, Script::Kannada},    {0x0D00, 0x0D7F, Script::Malayalam},
    {0x0D80, 0x0DFF, Script::Sinhala},    {0x0E00, 0x0E7F, Script::Thai},
    {0x0E80, 0x0EFF, Script::Lao},        {0x0F00, 0x0FFF, Script::Tibetan},
    {0x1000, 0x109F, Script::Myanmar},    {0x10A0, 0x10FF, Script::Georgian},
    {0x1100, 0x11FF, Script::Hangul},     {0x3130, 0x318F, Script::Hangul},
    {0xAC00, 0xD7AF, Script::Hangul},     {0x1200, 0x137F, Script::Ethiopic},
    {0x1780, 0x17FF, Script::Khmer},      {0x3040, 0x30FF, Script::Kana},
    {0x3400, 0x4DBF, Script::Han},        {0x4E00, 0x9FFF, Script::Han},
}};

Script scriptOf(char32_t c)
{
    if (c >= 0xFF66 && c <= 0xFF9F)
        return Script::Kana; // half-width katakana
    if ((c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2A6DF))
        return Script::Han;
    for (const ScriptRange &range : kScriptRanges) {
        if (c >= range.first && c <= range.last)
            return range.script;
    }
    return Script::Other;
}

bool isLetterOrMark(char32_t c)
{
    return QChar::isLetter(c) || QChar::isMark(c);
}

const char *singleLanguage(Script script)
{
    switch (script) {
    case Script::Greek: return "el";
    case Script::Armenian: return "hy";
    case Script::Hebrew: return "he";
    case Script::Bengali: return "bn";
    case Script::Gurmukhi: return "pa";
    case Script::Gujarati: return "gu";
    case Script::Oriya: return "or";
    case Script::Tamil: return "ta";
    case Script::Telugu: return "te";
    case Script::Kannada: return "kn";
    case Script::Malayalam: return "ml";
    case Script::Sinhala: return "si";
    case Script::Thai: return "th";
    case Script::Lao: return "lo";
    case Script::Tibetan: return "bo";
    case Script::Myanmar: return "my";
    case Script::Georgian: return "ka";
    case Script::Hangul: return "ko";
    case Script::Ethiopic: return "am";
    case Script::Khmer: return "km";
    default: return nullptr;
    }
}

int countOf(const QString &text, const QString &letters)
{
    int count = 0;
    for (const QChar c : text) {
        if (letters.contains(c))
            ++count;
    }
    return count;
}

std::string cyrillicLanguage(const QString &lower);

std::string arabicScriptLanguage(const QString &text)
{
    if (countOf(text, QStringLiteral("\u0679\u0688\u0691\u06BA\u06BE\u06D2\u06D3")) > 0)
        return "ur";
    const int persian = countOf(text, QStringLiteral("\u067E\u0686\u0698\u06AF\u06CC\u06A9"));
    const int arabic = countOf(text, QStringLiteral("\u064A\u0643\u0629"));
    return persian > arabic ? "fa" : "ar";
}

struct Profile
{
    const char *code;
    QSet<QString> words;
    QString typicalLetters; //!< each occurrence adds half a hit
};

QSet<QString> wordSet(const char *spaceSeparated)
{
    QSet<QString> set;
    for (const QString &word : QString::fromUtf8(spaceSeparated).split(' ', Qt::SkipEmptyParts))
        set.insert(word);
    return set;
}

const std::vector<Profile> &latinProfiles()
{
    static const std::vector<Profile> profiles = {
        {"en", wordSet("the and of to is in it that was for on are with as be this have not you at by "
                       "but from they we or an will my all would there their what so if about which "
                       "when can has been were more do i he she his her our your me no just also how "
                       "these those than then them into only very should could"), {}},
        {"de", wordSet("der die das und ist nicht ein eine zu den dem des mit sich auf für von im auch "
                       "es ich sie wir sind war wird werden bei aus nach wie aber oder noch nur kann "
                       "dass einen einem einer über zum zur hat haben man wenn sehr diese dieser"),
         QStringLiteral("ß")},
        {"fr", wordSet("le la les de des du et est un une que qui dans pour pas sur au aux avec ce "
                       "cette il elle nous vous ils sont être mais ou plus par se ne son sa ses leur "
                       "été très aussi comme je tout fait"),
         QStringLiteral("œ")},
        {"es", wordSet("el la los las de del y que en un una es por con para no se su sus al lo como "
                       "más pero sí este esta son está muy también fue ha hay yo nosotros ellos cuando "
                       "donde porque sobre entre todo"),
         QStringLiteral("ñ¿¡")},
        {"it", wordSet("il lo la gli le di e che è un una per non con del della dei delle nel nella "
                       "sono si da al alla anche come ma più questo questa molto ha ho essere sua suo "
                       "loro io noi voi perché quando dove"), {}},
        {"pt", wordSet("o a os as de do da dos das e que em um uma é não para com por se no na nos "
                       "nas ao mais mas como foi são está muito também seu sua você eu nós ele ela "
                       "isso este esta quando onde porque"),
         QStringLiteral("ãõ")},
        {"nl", wordSet("de het een en van is dat niet in op te zijn met voor die er aan ook als maar "
                       "om door bij naar over dan nog wel wordt worden ik je jij wij we hij zij ze "
                       "heeft hebben was dit deze geen kan zal"), {}},
        {"sv", wordSet("och att det i en ett som är på av för med till den har de inte om jag du vi "
                       "han hon var men så från kan vid eller också mycket när här där sig sina sin "
                       "detta dessa hade skulle"), {}},
        {"da", wordSet("og at det i en et som er på af for med til den har de ikke om jeg du vi han "
                       "hun var men så fra kan eller også meget når her der sig sin dette disse "
                       "havde skulle"),
         QStringLiteral("æø")},
        {"no", wordSet("og å det i en et som er på av for med til den har de ikke om jeg du vi han "
                       "hun var men så fra kan eller også mye når her der seg sin dette disse hadde "
                       "skulle"),
         QStringLiteral("æø")},
        {"fi", wordSet("ja on ei se että oli ovat hän mutta kun niin myös tai jos kuin mitä minä "
                       "sinä me te he tämä tässä joka jotka olla olen ole vain voi kanssa sen sitä "
                       "siitä nyt sekä kaikki hyvin"), {}},
        {"pl", wordSet("i w na z się nie to jest że do o jak ale od po za co tak czy są być był była "
                       "ten ta te jego jej ich który która które przez dla już tylko bardzo może "
                       "także oraz"),
         QStringLiteral("ąęłńśźż")},
        {"cs", wordSet("a je se v na že to s z do o jak ale od po za co tak jsou být byl byla ten ta "
                       "jeho její jejich který která které pro už jen velmi může také není jsem by"),
         QStringLiteral("ěřů")},
        {"tr", wordSet("ve bir bu da de için ile çok ne o ben sen biz siz onlar gibi daha var yok "
                       "olarak değil ama en kadar sonra her şey mi mı olan ki veya ya bunu şu"),
         QStringLiteral("ğış")},
        {"vi", wordSet("và của là có không một những các được cho trong người này đã với để khi đến "
                       "từ cũng như thì rất nhưng tôi bạn chúng họ về lại ra sẽ đó nhiều hay vì"),
         QStringLiteral("ơưđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")},
        {"sw", wordSet("na ya wa kwa ni za la katika kuwa hii cha vya pia lakini sana yake wake hiyo "
                       "huo kama mimi wewe sisi ninyi wao au hapa tu kila baada kwamba"), {}},
        {"id", wordSet("yang dan di ini itu dengan untuk dari tidak ada ke akan pada juga saya kami "
                       "kita mereka dia adalah sudah bisa atau karena tetapi sangat oleh dalam lebih"),
         {}},
        {"ro", wordSet("și în de la cu pe nu este o un care mai că din pentru sunt ca dar ce se al "
                       "lui ei foarte această acest fost fi sau eu noi voi"),
         QStringLiteral("șțşţă")},
        {"hu", wordSet("a az és hogy nem egy is van ez meg de már csak mint volt ki mi én te ő ti ők "
                       "vagy még nagyon ezt azt lesz kell lehet"),
         QStringLiteral("őű")},
    };
    return profiles;
}

const std::vector<Profile> &devanagariProfiles()
{
    static const std::vector<Profile> profiles = {
        {"hi", wordSet("है हैं के की का में और से को यह नहीं पर भी था थे थी किया कर लिए"), {}},
        {"mr", wordSet("आहे आणि च्या हे या मध्ये आहेत नाही ते करून होते त्या व तर"), {}},
        {"ne", wordSet("छ छन् हो र पनि मा गर्न भएको यो थियो हुन्छ गरेको भने"), {}},
    };
    return profiles;
}

const std::vector<Profile> &russianBulgarianProfiles()
{
    static const std::vector<Profile> profiles = {
        {"ru", wordSet("и в не на что это как он она они был была было были для по его её я мы вы так "
                       "но же бы уже только если или из к у от о все всё очень можно нет есть"),
         QStringLiteral("ыэё")},
        {"bg", wordSet("и в не на е са това тази този за от се да като той тя те беше бяха по към "
                       "със ще или ако само много може няма има които който която"),
         QStringLiteral("ъѝ")},
    };
    return profiles;
}

// The profile with the most hits; nullptr when no profile has any.
const char *bestProfile(const std::vector<Profile> &profiles, const QString &lower)
{
    static const QRegularExpression word = pyRegex(QStringLiteral("[\\p{L}\\p{M}]+"));
    QStringList words;
    for (auto it = word.globalMatch(lower); it.hasNext();)
        words << it.next().captured(0);
    const char *best = nullptr;
    double bestScore = 0;
    for (const Profile &profile : profiles) {
        double score = 0;
        for (const QString &w : words)
            score += profile.words.contains(w) ? 1.0 : 0.0;
        if (!profile.typicalLetters.isEmpty())
            score += 0.5 * countOf(lower, profile.typicalLetters);
        if (score > bestScore) {
            bestScore = score;
            best = profile.code;
        }
    }
    return best;
}

std::string cyrillicLanguage(const QString &lower)
{
    if (countOf(lower, QStringLiteral("іїєґ")) > countOf(lower, QStringLiteral("ыэё")))
        return "uk";
    if (countOf(lower, QStringLiteral("ѓќѕ")) > 0)
        return "mk";
    if (countOf(lower, QStringLiteral("ђћјљњџ")) > 0)
        return "sr";
    const char *code = bestProfile(russianBulgarianProfiles(), lower);
    return code ? code : "ru";
}

} // namespace

std::string detectLanguage(const QString &text)
{
    std::map<Script, int> letters;
    for (const char32_t c : text.toUcs4()) {
        if (!isLetterOrMark(c))
            continue;
        const Script script = scriptOf(c);
        if (script != Script::Other)
            ++letters[script];
    }
    const int han = letters[Script::Han];
    const int kana = letters[Script::Kana];
    letters.erase(Script::Kana);
    letters[Script::Han] = han + kana; // Japanese mixes the two: count them as one script
    const auto dominant = std::max_element(letters.begin(), letters.end(),
                                           [](const auto &a, const auto &b) { return a.second < b.second; });
    if (dominant == letters.end() || dominant->second == 0)
        return {};
    const QString lower = text.toLower();
    switch (dominant->first) {
    case Script::Han:
        return kana * 10 >= han + kana ? "ja" : "zh";
    case Script::Cyrillic:
        return cyrillicLanguage(lower);
    case Script::Arabic:
        return arabicScriptLanguage(text);
    case Script::Devanagari: {
        const char *code = bestProfile(devanagariProfiles(), lower);
        return code ? code : "hi";
    }
    case Script::Latin: {
        const char *code = bestProfile(latinProfiles(), lower);
        return code ? code : "";
    }
    default: {
        const char *code = singleLanguage(dominant->first);
        return code ? code : "";
    }
    }
}

std::string dominantLineLanguage(const QString &text)
{
    std::vector<std::pair<std::string, int>> counts; // in order of first appearance
    for (const QString &line : text.split('\n')) {
        const QString stripped = pyStrip(line);
        if (stripped.toUcs4().size() < 4)
            continue;
        const std::string language = detectLanguage(stripped);
        if (language.empty())
            continue;
        auto it = std::find_if(counts.begin(), counts.end(),
                               [&](const auto &entry) { return entry.first == language; });
        if (it == counts.end())
            counts.emplace_back(language, 1);
        else
            ++it->second;
    }
    if (counts.empty())
        return "en";
    // max_element keeps the first of equal counts, as Counter.most_common(1) does.
    return std::max_element(counts.begin(), counts.end(),
                            [](const auto &a, const auto &b) { return a.second < b.second; })
        ->first;
}

const std::vector<std::string> &detectableLanguages()
{
    static const std::vector<std::string> codes = {
        "en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "no", "fi", "pl", "cs", "tr", "vi", "sw",
        "id", "ro", "hu", "ru", "uk", "bg", "sr", "mk", "ar", "fa", "ur", "hi", "mr", "ne", "el", "hy",
        "he", "bn", "pa", "gu", "or", "ta", "te", "kn", "ml", "si", "th", "lo", "bo", "my", "ka", "ko",
        "am", "km", "ja", "zh"};
    return codes;
}

} // namespace wb::engine::ifeval
