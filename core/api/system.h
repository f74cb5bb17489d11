#pragma once

// Health and version (stable spec: /v1/health, /v1/version).

#include "json_io.h"

namespace wb::api {

enum class HealthStatus { Ok, Error, NotImplemented };
template<>
struct EnumNames<HealthStatus>
{
    static constexpr std::pair<HealthStatus, const char *> table[] = {
        {HealthStatus::Ok, "OK"},
        {HealthStatus::Error, "Error"},
        {HealthStatus::NotImplemented, "Not Implemented"},
    };
};
WB_JSON_ENUM(HealthStatus)

struct HealthInfo
{
    HealthStatus status = HealthStatus::Ok;
};

struct VersionInfo
{
    std::string version;
};

void fromJson(const Json &j, HealthInfo &out, const std::string &path);
void fromJson(const Json &j, VersionInfo &out, const std::string &path);
Json toJson(const HealthInfo &v);
Json toJson(const VersionInfo &v);

//! The spec's Error body {status, title, detail}; also reads upstream's {"detail": ...} shapes.
void fromJson(const Json &j, Error &out, const std::string &path);
Json toJson(const Error &e);

} // namespace wb::api
