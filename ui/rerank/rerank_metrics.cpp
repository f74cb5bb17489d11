#include "rerank_metrics.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace wb::ui::rerank {

namespace {

double gain(double relevance)
{
    return std::pow(2.0, relevance) - 1.0;
}

double relevanceOf(const std::vector<double> &relevance, int index)
{
    return index >= 0 && size_t(index) < relevance.size() ? relevance[size_t(index)] : 0.0;
}

//! Datasets often keep lists as JSON text (a CSV cell); such a string is read as its list.
api::Json unwrapJsonString(const api::Json &cell)
{
    if (!cell.is_string())
        return cell;
    const std::string &text = cell.get_ref<const std::string &>();
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos || text[first] != '[')
        return cell;
    api::Json parsed = api::Json::parse(text, nullptr, false);
    return parsed.is_discarded() ? cell : parsed;
}

//! A string, or a text part's text; nullopt for anything else (image parts included).
std::optional<std::string> textOf(const api::Json &value)
{
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_object()) {
        const auto type = value.find("type");
        const auto text = value.find("text");
        if (text != value.end() && text->is_string() && (type == value.end() || *type == "text"))
            return text->get<std::string>();
    }
    return std::nullopt;
}

//! The [begin, end) rank ranges of equal neighbouring scores.
std::vector<std::pair<size_t, size_t>> tieGroups(const std::vector<double> &scoresInRankOrder, size_t count)
{
    std::vector<std::pair<size_t, size_t>> groups;
    for (size_t begin = 0; begin < count;) {
        size_t end = begin + 1;
        while (end < count && end < scoresInRankOrder.size() && scoresInRankOrder[end] == scoresInRankOrder[begin])
            ++end;
        groups.emplace_back(begin, end);
        begin = end;
    }
    return groups;
}

} // namespace

double tieAwareNdcgAtK(const std::vector<int> &ranking, const std::vector<double> &scoresInRankOrder,
                       const std::vector<double> &relevance, int k)
{
    std::vector<double> ideal = relevance;
    std::sort(ideal.begin(), ideal.end(), std::greater<double>());
    const double idcg = dcgAtK(ideal, k);
    if (idcg <= 0.0)
        return 0.0;
    double dcg = 0.0;
    for (const auto &[begin, end] : tieGroups(scoresInRankOrder, ranking.size())) {
        double discount = 0.0; // mean over the group's ranks; ranks ≥ k add nothing
        for (size_t i = begin; i < end && i < size_t(std::max(k, 0)); ++i)
            discount += 1.0 / std::log2(double(i) + 2.0);
        discount /= double(end - begin);
        double gains = 0.0;
        for (size_t i = begin; i < end; ++i)
            gains += gain(relevanceOf(relevance, ranking[i]));
        dcg += gains * discount;
    }
    return dcg / idcg;
}

double tieAwareReciprocalRank(const std::vector<int> &ranking, const std::vector<double> &scoresInRankOrder,
                              const std::vector<double> &relevance)
{
    for (const auto &[begin, end] : tieGroups(scoresInRankOrder, ranking.size())) {
        const size_t n = end - begin;
        size_t r = 0;
        for (size_t i = begin; i < end; ++i)
            r += relevanceOf(relevance, ranking[i]) > 0.0 ? 1 : 0;
        if (r == 0)
            continue;
        // P(first relevant at position j of the group) = r/(n−j+1) · Π_{i<j} (n−r−i+1)/(n−i+1).
        double expected = 0.0;
        double noneYet = 1.0; // P(positions 1 .. j−1 all not relevant)
        for (size_t j = 1; j <= n - r + 1; ++j) {
            const double left = double(n - j + 1);
            expected += noneYet * (double(r) / left) / double(begin + j);
            noneYet *= (left - double(r)) / left;
        }
        return expected;
    }
    return 0.0;
}

double dcgAtK(const std::vector<double> &relevanceInRankOrder, int k)
{
    const size_t n = std::min(relevanceInRankOrder.size(), size_t(std::max(k, 0)));
    double dcg = 0.0;
    for (size_t i = 0; i < n; ++i)
        dcg += gain(relevanceInRankOrder[i]) / std::log2(double(i) + 2.0);
    return dcg;
}

double ndcgAtK(const std::vector<int> &ranking, const std::vector<double> &relevance, int k)
{
    std::vector<double> ranked;
    ranked.reserve(ranking.size());
    for (int index : ranking)
        ranked.push_back(relevanceOf(relevance, index));
    std::vector<double> ideal = relevance;
    std::sort(ideal.begin(), ideal.end(), std::greater<double>());
    const double idcg = dcgAtK(ideal, k);
    return idcg > 0.0 ? dcgAtK(ranked, k) / idcg : 0.0;
}

double reciprocalRank(const std::vector<int> &ranking, const std::vector<double> &relevance)
{
    for (size_t i = 0; i < ranking.size(); ++i)
        if (relevanceOf(relevance, ranking[i]) > 0.0)
            return 1.0 / double(i + 1);
    return 0.0;
}

std::vector<int> rankingFromScores(const std::vector<double> &scores)
{
    std::vector<int> order(scores.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&scores](int a, int b) { return scores[size_t(a)] > scores[size_t(b)]; });
    return order;
}

namespace {
//! The labels cell as a list of finite numbers; a 400 otherwise.
api::Result<api::Json> numberList(const api::Json &cell)
{
    const api::Json list = unwrapJsonString(cell);
    if (!list.is_array())
        return api::Error::badRequest("labels: expected a list of numbers, got " + list.dump().substr(0, 200));
    for (const api::Json &v : list)
        if (!v.is_number() || !std::isfinite(v.get<double>()))
            return api::Error::badRequest("labels: expected a list of numbers, found " + v.dump().substr(0, 200));
    return list;
}
} // namespace

LabelKind detectLabelKind(const std::vector<std::pair<api::Json, size_t>> &labelsAndCandidateCounts)
{
    for (const auto &[cell, candidates] : labelsAndCandidateCounts) {
        const api::Result<api::Json> list = numberList(cell);
        if (list && list->size() != candidates)
            return LabelKind::Indices;
    }
    return LabelKind::Graded;
}

api::Result<Labels> parseLabels(const api::Json &cell, size_t candidateCount, LabelKind kind)
{
    const api::Result<api::Json> list = numberList(cell);
    if (!list)
        return list.error();
    Labels labels;
    labels.kind = kind;
    if (kind == LabelKind::Graded) {
        if (list->size() != candidateCount)
            return api::Error::badRequest("labels: read as graded relevance, so one per candidate, but "
                                          + std::to_string(list->size()) + " values for "
                                          + std::to_string(candidateCount) + " candidates");
        for (const api::Json &v : *list) {
            if (v.get<double>() < 0.0)
                return api::Error::badRequest("labels: a graded relevance cannot be negative, found " + v.dump());
            labels.relevance.push_back(v.get<double>());
        }
        return labels;
    }
    labels.relevance.assign(candidateCount, 0.0);
    for (const api::Json &v : *list) {
        const double d = v.get<double>();
        if (d != std::floor(d) || d < 0.0 || d >= double(candidateCount))
            return api::Error::badRequest("labels: read as relevant indices, but " + v.dump()
                                          + " is not an index from 0 to " + std::to_string(int64_t(candidateCount) - 1));
        if (labels.relevance[size_t(d)] > 0.0)
            return api::Error::badRequest("labels: read as relevant indices, but " + v.dump() + " is listed twice");
        labels.relevance[size_t(d)] = 1.0;
    }
    return labels;
}

api::Result<std::string> parseQuery(const api::Json &cell)
{
    if (auto text = textOf(cell))
        return *text;
    return api::Error::badRequest("query: expected a string or a text part, got " + cell.dump());
}

api::Result<std::vector<std::string>> parseCandidates(const api::Json &cell)
{
    const api::Json list = unwrapJsonString(cell);
    if (!list.is_array())
        return api::Error::badRequest("candidates: expected a list of strings or text parts, got "
                                      + list.dump().substr(0, 200));
    std::vector<std::string> out;
    for (size_t i = 0; i < list.size(); ++i) {
        auto text = textOf(list[i]);
        if (!text)
            return api::Error::badRequest("candidates[" + std::to_string(i)
                                          + "]: expected a string or a text part (images are not supported), got "
                                          + list[i].dump().substr(0, 200));
        out.push_back(std::move(*text));
    }
    return out;
}

} // namespace wb::ui::rerank
