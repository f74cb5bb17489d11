#include "model_info.h"

#include "common/json_text.h"

#include <QCoreApplication>

#include <cmath>

namespace wb::ui {

namespace {

//! Translation context for the free functions of this file.
struct ModelInfoTr
{
    Q_DECLARE_TR_FUNCTIONS(wb::ui::ModelInfo)
};

QString stringField(const api::Json &object, const char *key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? toQString(it->get<std::string>()) : QString();
}

//! A count stored as a number, or as a numeric string (a provider that writes "135000000").
std::optional<qint64> countField(const api::Json &object, const char *key)
{
    const auto it = object.find(key);
    if (it == object.end())
        return std::nullopt;
    if (it->is_number_integer())
        return qint64(it->get<int64_t>());
    if (it->is_number_float())
        return qint64(std::llround(it->get<double>()));
    if (it->is_string()) {
        bool ok = false;
        const qint64 v = toQString(it->get<std::string>()).toLongLong(&ok);
        if (ok)
            return v;
    }
    return std::nullopt;
}

//! Fills the fields that come from the metadata object.
void readMetadata(ModelInfo &info, const api::Json &metadata)
{
    info.metadata = metadata.is_object() ? metadata : api::Json::object();
    info.architecture = stringField(info.metadata, "architecture");
    info.parameters = countField(info.metadata, "parameters");
    info.contextLength = countField(info.metadata, "context_length");
    info.tokenizer = stringField(info.metadata, "tokenizer");
    info.source = stringField(info.metadata, "source");
    info.location = stringField(info.metadata, "path");
    if (info.location.isEmpty())
        info.location = stringField(info.metadata, "base_url");
    info.error = stringField(info.metadata, "error");
}

} // namespace

bool ModelInfo::isRegistered() const
{
    // Endpoints exist only by registration; local folders say how they were found.
    return source == QLatin1String("registered") || (!isLocal() && source.isEmpty());
}

ModelInfo modelInfo(const api::OpenAIModel &model)
{
    ModelInfo info;
    info.id = toQString(model.id);
    api::Json custom = model.custom_metadata ? model.custom_metadata->value : api::Json::object();
    if (!custom.is_object())
        custom = api::Json::object();
    // The list repeats the metadata beside model_type and provider_id; a server that nests it
    // under "metadata" instead is read the same way.
    api::Json metadata = custom;
    if (const auto nested = custom.find("metadata"); nested != custom.end() && nested->is_object()) {
        for (auto it = nested->begin(); it != nested->end(); ++it)
            metadata[it.key()] = it.value();
        metadata.erase("metadata");
    }
    info.modelType = stringField(custom, "model_type");
    info.providerId = stringField(custom, "provider_id");
    info.providerResourceId = stringField(custom, "provider_resource_id");
    for (const char *key : {"model_type", "provider_id", "provider_resource_id"})
        metadata.erase(key);
    readMetadata(info, metadata);
    if (info.modelType.isEmpty())
        info.modelType = QStringLiteral("llm");
    if (info.providerId.isEmpty())
        info.providerId = toQString(model.owned_by);
    return info;
}

ModelInfo modelInfo(const api::Model &model)
{
    ModelInfo info;
    info.id = toQString(model.identifier);
    info.modelType = QString::fromLatin1(api::enumName(model.model_type));
    info.providerId = toQString(model.provider_id);
    info.providerResourceId = model.provider_resource_id ? toQString(*model.provider_resource_id) : QString();
    readMetadata(info, model.metadata.value);
    return info;
}

QString parameterCountText(qint64 parameters)
{
    static const struct
    {
        double scale;
        char suffix;
    } units[] = {{1e12, 'T'}, {1e9, 'B'}, {1e6, 'M'}, {1e3, 'K'}};
    for (const auto &unit : units) {
        const double v = double(parameters) / unit.scale;
        if (v < 0.9995) // 999.6M reads "1B", not "1000M"
            continue;
        // Two significant digits below 10 ("1.7B"), whole numbers above ("135M"); "8.0B" reads "8B".
        QString number = v < 9.95 ? QString::number(v, 'f', 1) : QString::number(std::llround(v));
        if (number.endsWith(QLatin1String(".0")))
            number.chop(2);
        return number + QLatin1Char(unit.suffix);
    }
    return QString::number(parameters);
}

QString providerText(const ModelInfo &model)
{
    return model.isLocal() ? ModelInfoTr::tr("local") : ModelInfoTr::tr("remote");
}

QString sourceKindText(const ModelInfo &model)
{
    if (!model.isLocal())
        return ModelInfoTr::tr("endpoint");
    if (model.source == QLatin1String("folder"))
        return ModelInfoTr::tr("folder");
    if (model.source == QLatin1String("hf-cache"))
        return ModelInfoTr::tr("HF cache");
    if (model.source == QLatin1String("registered"))
        return ModelInfoTr::tr("registered");
    return model.source;
}

QString metadataValueText(const std::string &key, const api::Json &value)
{
    if (key == "api_key") {
        const bool set = !value.is_null() && !(value.is_string() && value.get<std::string>().empty());
        return set ? ModelInfoTr::tr("(set, hidden)") : ModelInfoTr::tr("(none)");
    }
    if (value.is_string())
        return toQString(value.get<std::string>());
    return compactJson(value);
}

} // namespace wb::ui
