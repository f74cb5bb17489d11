#include "rerank_batch_result.h"

namespace wb::ui::rerank {

namespace {
template<typename Get>
std::optional<double> mean(const std::vector<BatchRowResult> &rows, int m, Get get)
{
    double sum = 0.0;
    int n = 0;
    for (const BatchRowResult &row : rows) {
        if (m < 0 || size_t(m) >= row.models.size())
            continue;
        if (const std::optional<double> v = get(row.models[size_t(m)])) {
            sum += *v;
            ++n;
        }
    }
    return n > 0 ? std::optional<double>(sum / n) : std::nullopt;
}
} // namespace

std::optional<double> BatchResult::meanNdcg(int m) const
{
    return mean(rows, m, [](const BatchModelScore &s) { return s.ndcg; });
}

std::optional<double> BatchResult::meanMrr(int m) const
{
    return mean(rows, m, [](const BatchModelScore &s) { return s.mrr; });
}

int BatchResult::scoredRows(int m) const
{
    int n = 0;
    for (const BatchRowResult &row : rows)
        if (m >= 0 && size_t(m) < row.models.size() && row.models[size_t(m)].ndcg)
            ++n;
    return n;
}

int BatchResult::rowsWith(LabelKind kind) const
{
    int n = 0;
    for (const BatchRowResult &row : rows)
        if (row.labelKind == kind)
            ++n;
    return n;
}

} // namespace wb::ui::rerank
