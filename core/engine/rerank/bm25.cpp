#include "engine/rerank/bm25.h"

// PLACEHOLDER: implemented by the BM25 work package.

namespace wb::engine {

std::vector<std::string> bm25Languages()
{
    return {"english", "none"};
}

bool bm25LanguageSupported(const std::string &language)
{
    return language == "english" || language == "none";
}

std::vector<std::string> bm25Terms(const std::string &, const std::string &)
{
    return {};
}

std::vector<double> bm25RawScores(const std::string &, const std::vector<std::string> &documents,
                                  const Bm25Params &)
{
    return std::vector<double>(documents.size(), 0.0);
}

std::vector<double> bm25Scores(const std::string &query, const std::vector<std::string> &documents,
                               const Bm25Params &params)
{
    return bm25RawScores(query, documents, params);
}

} // namespace wb::engine
