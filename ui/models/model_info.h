#pragma once

// What the Models page knows about one model, read from the API's shapes (see api/models.h for the
// provider ids and metadata keys), and the words and numbers it shows for it ("135M", "local").
//
// The list answers in the OpenAI shape, with the model's metadata repeated in custom_metadata next
// to model_type and provider_id; getModel answers a Model. Both become a ModelInfo, so the list
// and the detail pane read the same fields the same way.

#include "api/models.h"

#include <QString>

#include <optional>

namespace wb::ui {

struct ModelInfo
{
    QString id;
    QString modelType;          //!< "llm", "embedding", "rerank"
    QString providerId;         //!< "local", "openai", or another provider's id
    QString providerResourceId; //!< the model's name at an endpoint
    QString architecture;
    std::optional<qint64> parameters;
    std::optional<qint64> contextLength;
    QString tokenizer;
    QString source;   //!< metadata.source: "folder", "hf-cache", "registered" (empty for endpoints)
    QString location; //!< metadata.path or metadata.base_url
    QString error;    //!< metadata.error: the folder was found but cannot be loaded
    api::Json metadata = api::Json::object(); //!< every metadata key, for the detail pane

    bool isLocal() const { return providerId == QLatin1String("local"); }
    //! Registered through the API (a folder or an endpoint), so it can be unregistered; models
    //! found by scanning folders come back with the next scan.
    bool isRegistered() const;
    //! Can run in the prompt box: an llm without a load error.
    bool canGenerate() const { return error.isEmpty() && modelType == QLatin1String("llm"); }
};

ModelInfo modelInfo(const api::OpenAIModel &model);
ModelInfo modelInfo(const api::Model &model);

//! Human parameter count: 134515008 → "135M", 1711376384 → "1.7B", 8030261248 → "8B", 950 → "950".
QString parameterCountText(qint64 parameters);
//! "local" or "remote" (translated).
QString providerText(const ModelInfo &model);
//! "folder", "HF cache", "registered", "endpoint" (translated): where the model came from.
QString sourceKindText(const ModelInfo &model);

//! One metadata value for the detail pane: strings as they are, numbers and objects as JSON.
//! `api_key` is never shown, only whether one is set.
QString metadataValueText(const std::string &key, const api::Json &value);

} // namespace wb::ui
