#pragma once

// huggingface://datasets/<org>/<name>?split=<split>[&name=<config>] through the Hugging Face dataset
// viewer's HTTP API (/splits, /rows), paging through it rather than downloading whole datasets.
// The host part of the URI is ignored, as upstream does. `split=train[:20]` slices are supported.
//
// Endpoint: $HF_ENDPOINT if set (tests point it at a local server), else
// https://datasets-server.huggingface.co. Token: $HF_TOKEN as a Bearer token.

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
