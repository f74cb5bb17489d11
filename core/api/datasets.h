#pragma once

// Schemas of the Datasets and DatasetIO APIs (experimental spec, /v1beta/datasets*, /v1beta/datasetio/*).

#include "json_io.h"

#include <variant>

namespace wb::api {

enum class DatasetPurpose { PostTrainingMessages, EvalQuestionAnswer, EvalMessagesAnswer };
template<>
struct EnumNames<DatasetPurpose>
{
    static constexpr std::pair<DatasetPurpose, const char *> table[] = {
        {DatasetPurpose::PostTrainingMessages, "post-training/messages"},
        {DatasetPurpose::EvalQuestionAnswer, "eval/question-answer"},
        {DatasetPurpose::EvalMessagesAnswer, "eval/messages-answer"},
    };
};
WB_JSON_ENUM(DatasetPurpose)

//! {type:"uri", uri}: a path, file://, http(s)://, data: or huggingface:// URI.
struct UriDataSource
{
    std::string uri;
    bool operator==(const UriDataSource &o) const { return uri == o.uri; }
};

//! {type:"rows", rows:[{...}]}: rows stored inline.
struct RowsDataSource
{
    std::vector<JsonObject> rows;
    bool operator==(const RowsDataSource &o) const { return rows == o.rows; }
};

//! Discriminated on `type`.
using DataSource = std::variant<UriDataSource, RowsDataSource>;

struct Dataset
{
    std::string identifier;
    std::optional<std::string> provider_resource_id;
    std::string provider_id;
    DatasetPurpose purpose = DatasetPurpose::EvalQuestionAnswer;
    DataSource source;
    JsonObject metadata;

    bool operator==(const Dataset &o) const
    {
        return identifier == o.identifier && provider_resource_id == o.provider_resource_id
            && provider_id == o.provider_id && purpose == o.purpose && source == o.source
            && metadata == o.metadata;
    }
};

struct ListDatasetsResponse
{
    std::vector<Dataset> data;
};

struct RegisterDatasetRequest
{
    DatasetPurpose purpose = DatasetPurpose::EvalQuestionAnswer;
    DataSource source;
    JsonObject metadata;                   //!< null becomes {}
    std::optional<std::string> dataset_id; //!< empty or absent: the engine makes `dataset-<uuid>`
};

struct AppendRowsRequest
{
    std::vector<JsonObject> rows;
};

//! iterrows page. `url` is filled by the server with the route it answered.
struct PaginatedResponse
{
    std::vector<JsonObject> data;
    bool has_more = false;
    std::optional<std::string> url;
};

void fromJson(const Json &j, UriDataSource &out, const std::string &path);
void fromJson(const Json &j, RowsDataSource &out, const std::string &path);
void fromJson(const Json &j, DataSource &out, const std::string &path);
void fromJson(const Json &j, Dataset &out, const std::string &path);
void fromJson(const Json &j, ListDatasetsResponse &out, const std::string &path);
void fromJson(const Json &j, RegisterDatasetRequest &out, const std::string &path);
void fromJson(const Json &j, AppendRowsRequest &out, const std::string &path);
void fromJson(const Json &j, PaginatedResponse &out, const std::string &path);

Json toJson(const UriDataSource &v);
Json toJson(const RowsDataSource &v);
Json toJson(const DataSource &v);
Json toJson(const Dataset &v);
Json toJson(const ListDatasetsResponse &v);
Json toJson(const RegisterDatasetRequest &v);
Json toJson(const AppendRowsRequest &v);
Json toJson(const PaginatedResponse &v);

// --- workbench extension (not in the spec; served at a documented extension endpoint) -----------

//! What the datasets list and the browser need beyond the spec: how many rows, and which columns.
struct DatasetStats
{
    std::string dataset_id;
    int64_t row_count = 0;          //!< source rows + appended rows
    int64_t appended_row_count = 0; //!< rows added with append-rows (they come after the source rows)
    std::vector<std::string> columns; //!< in source order, then any new ones from appended rows
    std::string format;             //!< "csv", "jsonl", "rows", "huggingface", ...
};
void fromJson(const Json &j, DatasetStats &out, const std::string &path);
Json toJson(const DatasetStats &v);

//! The columns a purpose expects, e.g. {"question", "answer"} for eval/question-answer.
std::vector<std::string> expectedColumns(DatasetPurpose purpose);

} // namespace wb::api
