#pragma once

// The safetensors format (https://huggingface.co/docs/safetensors), read and written without
// torch: an 8-byte little-endian header length, a JSON header
// {"name": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {...}}, then the
// tensor bytes. Files are memory-mapped, so opening a multi-gigabyte checkpoint costs a header
// parse; the bytes are read when a tensor is used.
//
// Every offset and size is checked against the file when it is opened, so a truncated or corrupt
// file is a 400 naming the file and the tensor, never a read past the mapping.
//
// A model folder holds either model.safetensors or model.safetensors.index.json, whose weight_map
// names the shard of every tensor; SafetensorsSet hides the difference.

#include "api/result.h"

#include <QString>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

class QFile;

namespace wb::engine {

enum class TensorDtype { F32, F16, BF16, F64, I64, I32, I16, I8, U8, Bool };

//! "F32", "BF16", ... as the header spells them.
const char *tensorDtypeName(TensorDtype dtype);
//! Bytes per element.
int tensorDtypeSize(TensorDtype dtype);

//! One tensor of a mapped file. `data` points into the mapping and stays valid as long as the
//! SafetensorsFile that handed it out.
struct TensorView
{
    std::string name;
    TensorDtype dtype = TensorDtype::F32;
    std::vector<int64_t> shape;
    const unsigned char *data = nullptr;
    int64_t bytes = 0;

    int64_t numel() const;
    //! "[576, 49152]"
    std::string shapeText() const;
};

class SafetensorsFile
{
public:
    //! Maps and validates `path`. Missing/unreadable file: 400 naming it; bad header or a tensor
    //! whose bytes don't fit: 400 naming the file (and tensor).
    static api::Result<std::shared_ptr<const SafetensorsFile>> open(const QString &path);
    ~SafetensorsFile();
    SafetensorsFile(const SafetensorsFile &) = delete;
    SafetensorsFile &operator=(const SafetensorsFile &) = delete;

    const QString &path() const { return m_path; }
    //! In the order of their bytes in the file.
    const std::vector<TensorView> &tensors() const { return m_tensors; }
    //! nullptr when absent.
    const TensorView *find(const std::string &name) const;
    //! The header's "__metadata__" (string to string).
    const std::map<std::string, std::string> &metadata() const { return m_metadata; }

private:
    SafetensorsFile() = default;

    QString m_path;
    std::unique_ptr<QFile> m_file;
    std::vector<TensorView> m_tensors;
    std::map<std::string, size_t> m_index;
    std::map<std::string, std::string> m_metadata;
};

//! The weights of a model folder: model.safetensors, or the shards listed by
//! model.safetensors.index.json (preferred when both exist, as transformers does).
class SafetensorsSet
{
public:
    //! 400 naming the missing file when the folder has neither, or a shard is missing or bad.
    static api::Result<SafetensorsSet> openFolder(const QString &folder);
    //! A single file.
    static api::Result<SafetensorsSet> openFile(const QString &path);

    //! The tensor and the file it lives in; nullptr when absent.
    const TensorView *find(const std::string &name, const SafetensorsFile **file = nullptr) const;
    //! The file that holds (or, for a sharded set, should hold) `name`, for error messages:
    //! "model.safetensors" or the shard name; the index file when the weight map lacks the name.
    QString fileNameFor(const std::string &name) const;
    const std::vector<std::shared_ptr<const SafetensorsFile>> &files() const { return m_files; }
    //! Every tensor name, sorted.
    std::vector<std::string> names() const;

private:
    std::vector<std::shared_ptr<const SafetensorsFile>> m_files;
    std::map<std::string, size_t> m_fileOf; //!< tensor name → index in m_files
    QString m_indexName;                    //!< "model.safetensors.index.json" when sharded
};

//! A tensor to write: float32 `data` of numel(shape) elements, or `fill`, which is called with a
//! buffer of that size right before the tensor is written (so a large model never has to sit in
//! memory whole).
struct SafetensorsEntry
{
    std::string name;
    std::vector<int64_t> shape;
    const float *data = nullptr;
    std::function<void(float *out)> fill;
};

//! Writes float32 tensors, their bytes in the order given; the header is padded with spaces so the
//! data starts 8-byte aligned (as the reference implementation does). Written to a temporary file
//! that replaces `path` only when complete. Errors: 500 naming the file.
api::Status writeSafetensors(const QString &path, const std::vector<SafetensorsEntry> &tensors,
                             const std::map<std::string, std::string> &metadata = {});

} // namespace wb::engine
