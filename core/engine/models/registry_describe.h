#pragma once

// What the models page shows about a Hugging Face model folder, read cheaply without torch and
// without loading weights: architecture, parameter count, context length, tokenizer kind and
// size, chat template family; or, for a folder that cannot run, the reason.

#include "api/json_io.h"
#include "api/models.h"
#include "api/result.h"

#include <QString>

#include <cstdint>

namespace wb::engine {

//! 400 naming the first missing or bad file when `folder` is not a model the runtime can load:
//! config.json (and a supported architecture), tokenizer.json, model.safetensors or the shards
//! listed in model.safetensors.index.json.
api::Status checkModelFolder(const QString &folder);

//! "byte-level BPE, 49152 tokens", "SentencePiece BPE with byte fallback, 32000 tokens", ...
//! from tokenizer.json's model, pre-tokenizer and decoder types, read with a streaming parser
//! (a vocabulary is never built). 400 naming the file when it cannot be read.
api::Result<std::string> describeTokenizerFile(const QString &path);

//! The chat template LocalModel will use: its family ("chatml", "llama3", ..., or "jinja" for a
//! template the interpreter runs but does not recognise), "ChatML fallback" when the folder has
//! none, or "unsupported: <why>" for one the interpreter cannot run (chat is then a 400).
std::string describeChatTemplate(const QString &folder);

struct FolderDescription
{
    //! architecture, parameters, context_length, tokenizer, chat_template; and `error` (why the
    //! folder cannot run) when checkModelFolder fails. Keys the folder cannot tell are left out.
    api::Json metadata = api::Json::object();
    api::ModelType modelType = api::ModelType::Llm;
    int64_t created = 0; //!< config.json's modification time, Unix seconds
};

FolderDescription describeModelFolder(const QString &folder);

//! Changes when any file describeModelFolder reads changes (sizes and modification times), so a
//! description can be cached until then.
QString folderSignature(const QString &folder);

} // namespace wb::engine
