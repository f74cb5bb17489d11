#include "openai/error_body.h"

#include <QString>

namespace wb::openai {

using api::Json;

namespace {

constexpr int kSnippetChars = 300; //!< how much of a body that is not an error shape we keep

std::string text(const Json &j)
{
    return j.is_string() ? j.get<std::string>() : j.dump();
}

//! FastAPI's validation list: "field.path: msg; ...".
std::string validationList(const Json &errors)
{
    std::string out;
    for (const Json &e : errors) {
        if (!e.is_object() || !e.contains("msg"))
            return errors.dump();
        std::string path;
        if (e.contains("loc") && e["loc"].is_array()) {
            for (const Json &part : e["loc"]) {
                if (part.is_string() && path.empty()
                    && (part == "body" || part == "query" || part == "path"))
                    continue;
                if (part.is_number_integer())
                    path = api::indexPath(path, part.get<size_t>());
                else if (part.is_string())
                    path = api::joinPath(path, part.get<std::string>());
            }
        }
        out += out.empty() ? "" : "; ";
        out += path.empty() ? text(e["msg"]) : path + ": " + text(e["msg"]);
    }
    return out;
}

std::string detailOf(const Json &detail)
{
    if (detail.is_array())
        return validationList(detail);
    return text(detail);
}

//! The message of an `error` member: OpenAI's object, ours, or a bare string.
std::string messageOf(const Json &error)
{
    if (error.is_object()) {
        for (const char *key : {"message", "detail"})
            if (error.contains(key) && !error[key].is_null())
                return detailOf(error[key]);
    }
    return text(error);
}

bool isHttpStatus(const Json &j)
{
    return j.is_number_integer() && j.get<int64_t>() >= 400 && j.get<int64_t>() <= 599;
}

} // namespace

api::Error errorFromHttp(int status, const QByteArray &body)
{
    api::Error e = api::Error::make(status, {});
    const Json j = Json::parse(body.begin(), body.end(), nullptr, false);
    if (!j.is_discarded() && j.is_object()) {
        if (j.contains("error") && !j["error"].is_null()) {
            e.detail = messageOf(j["error"]);
        } else if (j.contains("detail") && !j["detail"].is_null()) {
            e.detail = detailOf(j["detail"]);
            if (j.contains("title") && j["title"].is_string() && j.value("status", 0) == status)
                e.title = j["title"].get<std::string>();
        } else if (j.contains("message") && !j["message"].is_null()) {
            e.detail = text(j["message"]);
        }
    }
    if (e.detail.empty()) {
        const QByteArray trimmed = body.trimmed();
        e.detail = trimmed.isEmpty()
                       ? "the server answered HTTP " + std::to_string(status) + " with an empty body"
                       : QString::fromUtf8(trimmed).left(kSnippetChars).toStdString();
    }
    return e;
}

std::optional<api::Error> errorFromStreamEvent(const Json &event)
{
    if (!event.is_object() || !event.contains("error") || event["error"].is_null())
        return std::nullopt;
    const Json &error = event["error"];
    int status = 502;
    if (error.is_object()) {
        if (error.contains("status") && isHttpStatus(error["status"]))
            status = int(error["status"].get<int64_t>());
        else if (error.contains("code") && isHttpStatus(error["code"]))
            status = int(error["code"].get<int64_t>());
    }
    api::Error e = api::Error::make(status, messageOf(error));
    if (error.is_object() && error.contains("title") && error["title"].is_string())
        e.title = error["title"].get<std::string>();
    if (e.detail.empty())
        e.detail = "the server reported an error in the stream";
    return e;
}

} // namespace wb::openai
