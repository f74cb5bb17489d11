#pragma once

// Error bodies of OpenAI-compatible servers, as api::Error. The shapes seen in the wild:
//   {"error": {"message": "...", "type": "...", "code": ...}}   OpenAI, vLLM, llama.cpp, Ollama
//   {"detail": "..."} or {"detail": [{"loc": [...], "msg": "..."}]}   FastAPI (upstream Llama Stack)
//   {"status": 404, "title": "Not Found", "detail": "..."}      the spec's Error (our own server)
// and, inside a stream, `data: {"error": {...}}` with any of the first or third shapes.

#include "api/error.h"
#include "api/json_io.h"

#include <QByteArray>

#include <optional>

namespace wb::openai {

//! The error of a non-2xx answer: the HTTP status, the body's message (or the start of the body
//! when it is not one of the shapes above).
api::Error errorFromHttp(int status, const QByteArray &body);

//! The error carried by a streamed event ({"error": ...}), nullopt when `event` is not one. The
//! status comes from the error's `status` or `code` when it is an HTTP status, else 502.
std::optional<api::Error> errorFromStreamEvent(const api::Json &event);

} // namespace wb::openai
