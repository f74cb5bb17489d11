#include "rerank_scores.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace wb::ui::rerank {

namespace {
struct ScoresTr
{
    Q_DECLARE_TR_FUNCTIONS(wb::ui::RerankScores)
};
} // namespace

double sigmoid(double x)
{
    // Split by sign so exp() never overflows for large |x|.
    if (x >= 0.0)
        return 1.0 / (1.0 + std::exp(-x));
    const double e = std::exp(x);
    return e / (1.0 + e);
}

ScoreScale barScale(const api::RerankResponse &response, bool knownUnitRange)
{
    if (knownUnitRange)
        return ScoreScale::Raw;
    const bool unit = std::all_of(response.data.begin(), response.data.end(), [](const api::RerankData &d) {
        return d.relevance_score >= 0.0 && d.relevance_score <= 1.0;
    });
    return unit ? ScoreScale::Raw : ScoreScale::Sigmoid;
}

QString scaleName(ScoreScale scale)
{
    return scale == ScoreScale::Raw ? ScoresTr::tr("raw score") : ScoresTr::tr("sigmoid(raw)");
}

double barValue(double raw, ScoreScale scale)
{
    const double v = scale == ScoreScale::Raw ? raw : sigmoid(raw);
    return std::isfinite(v) ? std::clamp(v, 0.0, 1.0) : 0.0;
}

QString rankChangeText(int change)
{
    if (change > 0)
        return QStringLiteral("▲%1").arg(change);
    if (change < 0)
        return QStringLiteral("▼%1").arg(-change);
    return QStringLiteral("=");
}

std::vector<int> ranksByItem(const api::RerankResponse &response, int itemCount)
{
    std::vector<int> ranks(size_t(std::max(itemCount, 0)), -1);
    for (size_t rank = 0; rank < response.data.size(); ++rank) {
        const int64_t index = response.data[rank].index;
        if (index >= 0 && index < itemCount && ranks[size_t(index)] < 0)
            ranks[size_t(index)] = int(rank);
    }
    return ranks;
}

} // namespace wb::ui::rerank
