#include "datasets.h"

namespace wb::api {

void fromJson(const Json &j, UriDataSource &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.constant("type", "uri");
    r.required("uri", out.uri);
}

void fromJson(const Json &j, RowsDataSource &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.constant("type", "rows");
    r.required("rows", out.rows);
}

void fromJson(const Json &j, DataSource &out, const std::string &path)
{
    ObjectReader r(j, path);
    std::string type;
    r.required("type", type);
    if (type == "uri") {
        UriDataSource s;
        fromJson(j, s, path);
        out = std::move(s);
    } else if (type == "rows") {
        RowsDataSource s;
        fromJson(j, s, path);
        out = std::move(s);
    } else {
        throw JsonError(joinPath(path, "type"), "'" + type + "' is not one of 'uri', 'rows'");
    }
}

void fromJson(const Json &j, Dataset &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.constant("type", "dataset");
    r.required("identifier", out.identifier);
    r.optional("provider_resource_id", out.provider_resource_id);
    r.required("provider_id", out.provider_id);
    r.required("purpose", out.purpose);
    r.required("source", out.source);
    r.optional("metadata", out.metadata);
}

void fromJson(const Json &j, ListDatasetsResponse &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("data", out.data);
}

void fromJson(const Json &j, RegisterDatasetRequest &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("purpose", out.purpose);
    r.required("source", out.source);
    r.optional("metadata", out.metadata);
    r.optional("dataset_id", out.dataset_id);
}

void fromJson(const Json &j, AppendRowsRequest &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("rows", out.rows);
}

void fromJson(const Json &j, PaginatedResponse &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("data", out.data);
    r.optional("has_more", out.has_more);
    r.optional("url", out.url);
}

Json toJson(const UriDataSource &v)
{
    return Json{{"type", "uri"}, {"uri", v.uri}};
}

Json toJson(const RowsDataSource &v)
{
    return Json{{"type", "rows"}, {"rows", toJson(v.rows)}};
}

Json toJson(const DataSource &v)
{
    return std::visit([](const auto &s) { return toJson(s); }, v);
}

Json toJson(const Dataset &v)
{
    Json o = Json::object();
    o["identifier"] = v.identifier;
    putOptional(o, "provider_resource_id", v.provider_resource_id);
    o["provider_id"] = v.provider_id;
    o["type"] = "dataset";
    o["purpose"] = toJson(v.purpose);
    o["source"] = toJson(v.source);
    o["metadata"] = v.metadata.value;
    return o;
}

Json toJson(const ListDatasetsResponse &v)
{
    return Json{{"data", toJson(v.data)}};
}

Json toJson(const RegisterDatasetRequest &v)
{
    Json o = Json::object();
    o["purpose"] = toJson(v.purpose);
    o["source"] = toJson(v.source);
    o["metadata"] = v.metadata.value;
    putOptional(o, "dataset_id", v.dataset_id);
    return o;
}

Json toJson(const AppendRowsRequest &v)
{
    return Json{{"rows", toJson(v.rows)}};
}

Json toJson(const PaginatedResponse &v)
{
    Json o = Json::object();
    o["data"] = toJson(v.data);
    o["has_more"] = v.has_more;
    putOptional(o, "url", v.url);
    return o;
}

void fromJson(const Json &j, DatasetStats &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("dataset_id", out.dataset_id);
    r.required("row_count", out.row_count);
    r.optional("appended_row_count", out.appended_row_count);
    r.optional("columns", out.columns);
    r.optional("format", out.format);
}

Json toJson(const DatasetStats &v)
{
    return Json{{"dataset_id", v.dataset_id},
                {"row_count", v.row_count},
                {"appended_row_count", v.appended_row_count},
                {"columns", toJson(v.columns)},
                {"format", v.format}};
}

std::vector<std::string> expectedColumns(DatasetPurpose purpose)
{
    switch (purpose) {
    case DatasetPurpose::PostTrainingMessages: return {"messages"};
    case DatasetPurpose::EvalQuestionAnswer: return {"question", "answer"};
    case DatasetPurpose::EvalMessagesAnswer: return {"messages", "answer"};
    }
    return {};
}

} // namespace wb::api
