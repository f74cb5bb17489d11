#pragma once

// The one error convention of the API layer (core/api and everything behind the interface):
//
//   Every API call yields a Result<T>. A failure carries an Error whose `status` is an HTTP status
//   code, whatever implementation produced it, so the engine, the remote client and the server all
//   speak the same language:
//
//     400 bad input (validation: `detail` starts with the field path, e.g.
//         "benchmark_config.eval_candidate.model: field required"; unreadable data: file and line)
//     404 unknown resource        409 conflict (same id, different content)
//     413 input too large         501 not supported by this implementation
//     502 an upstream source (HTTP, Hugging Face) failed   504 upstream timeout
//     500 an internal failure (the detail never leaks internals over HTTP)
//     499 the caller cancelled the call (its CancelToken) before it finished; never sent over HTTP
//         by our server (the client that cancelled has gone)
//
//   Errors are values: nothing in the API layer throws across a call boundary. Internals may throw
//   (nlohmann, libtorch); the code that runs a call catches at the boundary and turns it into an Error.

#include <string>
#include <utility>

namespace wb::api {

struct Error
{
    int status = 500;
    std::string title;  //!< short, invariant per kind ("Not Found"); see titleForStatus()
    std::string detail; //!< what went wrong and where, readable by a person

    static Error make(int status, std::string detail);
    static Error badRequest(std::string detail) { return make(400, std::move(detail)); }
    static Error notFound(std::string detail) { return make(404, std::move(detail)); }
    static Error conflict(std::string detail) { return make(409, std::move(detail)); }
    static Error tooLarge(std::string detail) { return make(413, std::move(detail)); }
    static Error notImplemented(std::string detail) { return make(501, std::move(detail)); }
    static Error badGateway(std::string detail) { return make(502, std::move(detail)); }
    static Error internal(std::string detail) { return make(500, std::move(detail)); }
    static Error cancelled(std::string detail = "cancelled") { return make(499, std::move(detail)); }

    //! "Bad Request", "Not Found", ... the RFC 7807 style title for an HTTP status.
    static std::string titleForStatus(int status);

    //! "Not Found: Dataset 'x' not found" — for logs and message boxes.
    std::string toString() const { return title + ": " + detail; }

    bool operator==(const Error &o) const
    {
        return status == o.status && title == o.title && detail == o.detail;
    }
};

} // namespace wb::api
