#include "system.h"

namespace wb::api {

void fromJson(const Json &j, HealthInfo &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("status", out.status);
}

void fromJson(const Json &j, VersionInfo &out, const std::string &path)
{
    ObjectReader r(j, path);
    r.required("version", out.version);
}

Json toJson(const HealthInfo &v)
{
    return Json{{"status", toJson(v.status)}};
}

Json toJson(const VersionInfo &v)
{
    return Json{{"version", v.version}};
}

void fromJson(const Json &j, Error &out, const std::string &path)
{
    ObjectReader r(j, path);
    if (r.has("status") || r.has("title")) {
        r.required("status", out.status);
        r.optional("title", out.title);
        r.optional("detail", out.detail);
        if (out.title.empty())
            out.title = Error::titleForStatus(out.status);
        return;
    }
    // Upstream FastAPI shapes: {"detail": "text"} or {"error": {"detail": {...}}}.
    const Json *detail = r.find("detail");
    if (!detail) {
        if (const Json *err = r.find("error"); err && err->is_object())
            detail = err->contains("detail") ? &(*err)["detail"] : err;
    }
    if (!detail)
        throw JsonError(path, "not an error body");
    out.detail = detail->is_string() ? detail->get<std::string>() : detail->dump();
}

Json toJson(const Error &e)
{
    return Json{{"status", e.status}, {"title", e.title}, {"detail", e.detail}};
}

} // namespace wb::api
