#pragma once

// huggingface://datasets/<org>/<name>?split=<split>[&name=<config>] through the Hugging Face dataset
// viewer's HTTP API (/splits, /rows), paging through it rather than downloading whole datasets.
// The host part of the URI is ignored, as upstream does. `split=train[:20]` slices are supported.
//
// Endpoint: $HF_ENDPOINT if set (tests point it at a local server), else
// https://datasets-server.huggingface.co. Token: $HF_TOKEN as a Bearer token.
//
// URI forms (the part after the host is the repo, as upstream's urlparse does):
//   huggingface://datasets/llamastack/simpleqa?split=train            dataset "llamastack/simpleqa"
//   huggingface://datasets/llamastack/mmlu_cot?split=test&name=all    config "all"
//   huggingface://llamastack/simpleqa?split=train                     dataset "simpleqa" (host ignored)
//   ...?split=train[:20]  train[10:20]  train[5:]                     slices, non-negative ints only
// Other query keys (upstream passes them on to load_dataset) are ignored.
//
// The row source: rowCount() comes from the viewer's `num_rows_total` of the first page it reads
// (the page holding the slice start, which is kept in the page cache for the first readRows), and
// is then clipped by the slice. Columns follow the viewer's `features` order. Pages of 100 rows
// are kept in a small LRU (32 pages), so scrolling back in the browser does not refetch.
// Errors: 401/403 → 502 saying the dataset is gated/private and HF_TOKEN is needed; 404 → 404
// naming the dataset; other HTTP errors → 502 with the viewer's {"error": ...} text; network
// failure → 502, timeout → 504; an unknown split → 404 listing the available config/split pairs.

#include "engine/datasets/row_source.h"

#include <optional>

namespace wb::engine {

struct HuggingFaceUri
{
    std::string dataset;               //!< "llamastack/simpleqa"
    std::string split;                 //!< "train"
    std::optional<std::string> config; //!< `name=`; the first config with that split when absent
    std::optional<int64_t> sliceStart; //!< from split=train[a:b]
    std::optional<int64_t> sliceEnd;
};

//! 400 when the path has no <org>/<name> or the split is missing/malformed.
api::Result<HuggingFaceUri> parseHuggingFaceUri(const std::string &uri);

struct HuggingFaceOptions
{
    std::string endpoint = "https://datasets-server.huggingface.co";
    std::string token;
    int timeoutMs = 30000;
};
HuggingFaceOptions huggingFaceOptionsFromEnvironment();

std::unique_ptr<RowSource> makeHuggingFaceRowSource(HuggingFaceUri uri, HuggingFaceOptions options);

} // namespace wb::engine
