#include "safetensors.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>
#include <cstring>
#include <limits>
#include <set>

namespace wb::engine {

namespace {

// The reference implementation refuses larger headers; so do we, before allocating for one.
constexpr uint64_t kMaxHeaderBytes = 100u << 20;

struct DtypeName
{
    TensorDtype dtype;
    const char *name;
    int size;
};

constexpr DtypeName kDtypes[] = {
    {TensorDtype::F32, "F32", 4},  {TensorDtype::F16, "F16", 2}, {TensorDtype::BF16, "BF16", 2},
    {TensorDtype::F64, "F64", 8},  {TensorDtype::I64, "I64", 8}, {TensorDtype::I32, "I32", 4},
    {TensorDtype::I16, "I16", 2},  {TensorDtype::I8, "I8", 1},   {TensorDtype::U8, "U8", 1},
    {TensorDtype::Bool, "BOOL", 1},
};

std::string fileText(const QString &path) { return QDir::toNativeSeparators(path).toStdString(); }

api::Error bad(const QString &path, const std::string &what)
{
    return api::Error::badRequest(fileText(path) + ": " + what);
}

api::Error badTensor(const QString &path, const std::string &tensor, const std::string &what)
{
    return api::Error::badRequest(fileText(path) + ": tensor '" + tensor + "': " + what);
}

uint64_t readLe64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | p[i];
    return v;
}

//! a * b, or false on overflow of int64.
bool mulChecked(int64_t a, int64_t b, int64_t &out)
{
    if (a != 0 && b > std::numeric_limits<int64_t>::max() / a)
        return false;
    out = a * b;
    return true;
}

} // namespace

const char *tensorDtypeName(TensorDtype dtype)
{
    for (const auto &d : kDtypes)
        if (d.dtype == dtype)
            return d.name;
    return "?";
}

int tensorDtypeSize(TensorDtype dtype)
{
    for (const auto &d : kDtypes)
        if (d.dtype == dtype)
            return d.size;
    return 0;
}

int64_t TensorView::numel() const
{
    int64_t n = 1;
    for (int64_t d : shape)
        n *= d;
    return n;
}

std::string TensorView::shapeText() const
{
    std::string s = "[";
    for (size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + "]";
}

SafetensorsFile::~SafetensorsFile() = default;

api::Result<std::shared_ptr<const SafetensorsFile>> SafetensorsFile::open(const QString &path)
{
    std::shared_ptr<SafetensorsFile> f(new SafetensorsFile);
    f->m_path = path;
    f->m_file = std::make_unique<QFile>(path);
    if (!QFileInfo::exists(path))
        return bad(path, "file not found");
    if (!f->m_file->open(QIODevice::ReadOnly))
        return bad(path, "cannot open: " + f->m_file->errorString().toStdString());
    const int64_t size = f->m_file->size();
    if (size < 8)
        return bad(path, "not a safetensors file: " + std::to_string(size)
                             + " bytes, shorter than the 8-byte header length");
    auto *base = f->m_file->map(0, size);
    if (!base)
        return bad(path, "cannot map: " + f->m_file->errorString().toStdString());

    const uint64_t headerBytes = readLe64(base);
    if (headerBytes > kMaxHeaderBytes || headerBytes > uint64_t(size - 8))
        return bad(path, "header length " + std::to_string(headerBytes) + " exceeds the file ("
                             + std::to_string(size) + " bytes): truncated or not a safetensors file");
    const auto *dataStart = base + 8 + headerBytes;
    const int64_t dataBytes = size - 8 - int64_t(headerBytes);

    nlohmann::json header;
    try {
        header = nlohmann::json::parse(reinterpret_cast<const char *>(base + 8),
                                       reinterpret_cast<const char *>(dataStart));
    } catch (const nlohmann::json::exception &e) {
        return bad(path, std::string("header is not valid JSON: ") + e.what());
    }
    if (!header.is_object())
        return bad(path, "header is not a JSON object");

    for (auto it = header.begin(); it != header.end(); ++it) {
        const std::string &name = it.key();
        const auto &v = it.value();
        if (name == "__metadata__") {
            if (!v.is_object())
                return bad(path, "__metadata__ is not an object");
            for (auto m = v.begin(); m != v.end(); ++m) {
                if (!m.value().is_string())
                    return bad(path, "__metadata__." + m.key() + " is not a string");
                f->m_metadata[m.key()] = m.value().get<std::string>();
            }
            continue;
        }
        if (!v.is_object())
            return badTensor(path, name, "entry is not an object");
        TensorView t;
        t.name = name;

        const auto dtype = v.find("dtype");
        if (dtype == v.end() || !dtype->is_string())
            return badTensor(path, name, "dtype missing");
        const std::string dtypeName = dtype->get<std::string>();
        const auto known = std::find_if(std::begin(kDtypes), std::end(kDtypes),
                                        [&](const DtypeName &d) { return dtypeName == d.name; });
        if (known == std::end(kDtypes))
            return badTensor(path, name, "unsupported dtype " + dtypeName);
        t.dtype = known->dtype;

        const auto shape = v.find("shape");
        if (shape == v.end() || !shape->is_array())
            return badTensor(path, name, "shape missing");
        int64_t numel = 1;
        for (const auto &d : *shape) {
            if (!d.is_number_integer() || d.get<int64_t>() < 0)
                return badTensor(path, name, "shape is not a list of non-negative integers");
            t.shape.push_back(d.get<int64_t>());
            if (!mulChecked(numel, t.shape.back(), numel))
                return badTensor(path, name, "shape overflows");
        }
        int64_t expectedBytes = 0;
        if (!mulChecked(numel, known->size, expectedBytes))
            return badTensor(path, name, "shape overflows");

        const auto offsets = v.find("data_offsets");
        if (offsets == v.end() || !offsets->is_array() || offsets->size() != 2
            || !(*offsets)[0].is_number_unsigned() || !(*offsets)[1].is_number_unsigned())
            return badTensor(path, name, "data_offsets is not a pair of non-negative integers");
        const uint64_t begin = (*offsets)[0].get<uint64_t>();
        const uint64_t end = (*offsets)[1].get<uint64_t>();
        if (begin > end)
            return badTensor(path, name, "data_offsets end before they begin");
        if (end > uint64_t(dataBytes))
            return badTensor(path, name, "bytes " + std::to_string(begin) + ".." + std::to_string(end)
                                             + " lie beyond the end of the file (" + std::to_string(dataBytes)
                                             + " data bytes): truncated file");
        if (int64_t(end - begin) != expectedBytes)
            return badTensor(path, name, std::to_string(end - begin) + " bytes for shape " + t.shapeText()
                                             + " of " + dtypeName + ", expected " + std::to_string(expectedBytes));
        t.data = dataStart + begin;
        t.bytes = expectedBytes;
        f->m_tensors.push_back(std::move(t));
    }

    // Empty tensors first among equal offsets: they own no bytes and overlap nothing.
    std::sort(f->m_tensors.begin(), f->m_tensors.end(), [](const TensorView &a, const TensorView &b) {
        return a.data != b.data ? a.data < b.data : a.bytes < b.bytes;
    });
    const TensorView *prev = nullptr;
    for (size_t i = 0; i < f->m_tensors.size(); ++i) {
        const auto &t = f->m_tensors[i];
        if (prev && t.bytes > 0 && t.data < prev->data + prev->bytes)
            return badTensor(path, t.name, "bytes overlap those of tensor '" + prev->name + "'");
        if (t.bytes > 0)
            prev = &t;
        f->m_index[t.name] = i;
    }
    return std::shared_ptr<const SafetensorsFile>(std::move(f));
}

const TensorView *SafetensorsFile::find(const std::string &name) const
{
    const auto it = m_index.find(name);
    return it == m_index.end() ? nullptr : &m_tensors[it->second];
}

// --- a folder or a set of shards ----------------------------------------------------------------

api::Result<SafetensorsSet> SafetensorsSet::openFile(const QString &path)
{
    auto file = SafetensorsFile::open(path);
    if (!file)
        return file.error();
    SafetensorsSet set;
    set.m_files.push_back(file.value());
    for (const auto &t : file.value()->tensors())
        set.m_fileOf[t.name] = 0;
    return set;
}

api::Result<SafetensorsSet> SafetensorsSet::openFolder(const QString &folder)
{
    const QDir dir(folder);
    const QString indexName = QStringLiteral("model.safetensors.index.json");
    const QString indexPath = dir.filePath(indexName);
    if (!QFileInfo::exists(indexPath)) {
        const QString single = dir.filePath(QStringLiteral("model.safetensors"));
        if (!QFileInfo::exists(single))
            return api::Error::badRequest(fileText(single) + ": file not found (nor "
                                          + indexName.toStdString() + ")");
        return openFile(single);
    }

    QFile indexFile(indexPath);
    if (!indexFile.open(QIODevice::ReadOnly))
        return bad(indexPath, "cannot open: " + indexFile.errorString().toStdString());
    nlohmann::json index;
    try {
        index = nlohmann::json::parse(indexFile.readAll().toStdString());
    } catch (const nlohmann::json::exception &e) {
        return bad(indexPath, std::string("not valid JSON: ") + e.what());
    }
    const auto map = index.is_object() ? index.find("weight_map") : index.end();
    if (map == index.end() || !map->is_object())
        return bad(indexPath, "weight_map: field required (an object)");

    SafetensorsSet set;
    set.m_indexName = indexName;
    std::map<std::string, size_t> shardIndex;
    for (auto it = map->begin(); it != map->end(); ++it) {
        if (!it.value().is_string())
            return bad(indexPath, "weight_map." + it.key() + ": expected a file name");
        const std::string shard = it.value().get<std::string>();
        // A shard name is a file in the folder, never a path out of it.
        if (shard.empty() || shard.find('/') != std::string::npos || shard.find('\\') != std::string::npos
            || shard == "." || shard == "..")
            return bad(indexPath, "weight_map." + it.key() + ": '" + shard + "' is not a file name");
        auto known = shardIndex.find(shard);
        if (known == shardIndex.end()) {
            auto file = SafetensorsFile::open(dir.filePath(QString::fromStdString(shard)));
            if (!file)
                return file.error();
            known = shardIndex.emplace(shard, set.m_files.size()).first;
            set.m_files.push_back(file.value());
        }
        if (!set.m_files[known->second]->find(it.key()))
            return badTensor(set.m_files[known->second]->path(), it.key(),
                             "listed in " + indexName.toStdString() + " but not in this shard");
        set.m_fileOf[it.key()] = known->second;
    }
    return set;
}

const TensorView *SafetensorsSet::find(const std::string &name, const SafetensorsFile **file) const
{
    const auto it = m_fileOf.find(name);
    if (it == m_fileOf.end())
        return nullptr;
    const auto &f = m_files[it->second];
    if (file)
        *file = f.get();
    return f->find(name);
}

QString SafetensorsSet::fileNameFor(const std::string &name) const
{
    const auto it = m_fileOf.find(name);
    if (it != m_fileOf.end())
        return m_files[it->second]->path();
    if (!m_indexName.isEmpty() && !m_files.empty())
        return QFileInfo(m_files.front()->path()).dir().filePath(m_indexName);
    return m_files.empty() ? QString() : m_files.front()->path();
}

std::vector<std::string> SafetensorsSet::names() const
{
    std::vector<std::string> out;
    out.reserve(m_fileOf.size());
    for (const auto &[name, file] : m_fileOf)
        out.push_back(name);
    return out;
}

// --- writer ---------------------------------------------------------------------------------------

api::Status writeSafetensors(const QString &path, const std::vector<SafetensorsEntry> &tensors,
                             const std::map<std::string, std::string> &metadata)
{
    nlohmann::ordered_json header = nlohmann::ordered_json::object();
    if (!metadata.empty())
        header["__metadata__"] = metadata;
    std::set<std::string> seen;
    std::vector<int64_t> numels;
    uint64_t offset = 0;
    for (const auto &t : tensors) {
        if (t.name == "__metadata__" || !seen.insert(t.name).second)
            return api::Error::badRequest(fileText(path) + ": tensor '" + t.name
                                          + "': duplicate or reserved name");
        if (!t.data && !t.fill)
            return api::Error::badRequest(fileText(path) + ": tensor '" + t.name + "': no data");
        int64_t numel = 1;
        for (int64_t d : t.shape) {
            if (d < 0 || !mulChecked(numel, d, numel))
                return api::Error::badRequest(fileText(path) + ": tensor '" + t.name + "': bad shape");
        }
        numels.push_back(numel);
        const uint64_t bytes = uint64_t(numel) * sizeof(float);
        header[t.name] = {{"dtype", "F32"}, {"shape", t.shape}, {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
    }
    std::string headerText = header.dump();
    headerText.append((8 - headerText.size() % 8) % 8, ' ');

    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return api::Error::internal(fileText(path) + ": cannot write: " + out.errorString().toStdString());
    unsigned char lengthBytes[8];
    for (int i = 0; i < 8; ++i)
        lengthBytes[i] = static_cast<unsigned char>(uint64_t(headerText.size()) >> (8 * i));
    out.write(reinterpret_cast<const char *>(lengthBytes), 8);
    out.write(headerText.data(), qint64(headerText.size()));

    static_assert(sizeof(float) == 4, "safetensors F32 is 4 bytes");
    static_assert(Q_BYTE_ORDER == Q_LITTLE_ENDIAN, "tensors are written as they lie in memory");
    std::vector<float> buffer;
    for (size_t i = 0; i < tensors.size(); ++i) {
        const auto &t = tensors[i];
        const float *data = t.data;
        if (!data) {
            buffer.assign(size_t(numels[i]), 0.0f);
            t.fill(buffer.data());
            data = buffer.data();
        }
        out.write(reinterpret_cast<const char *>(data), qint64(numels[i]) * 4);
    }
    if (!out.commit())
        return api::Error::internal(fileText(path) + ": cannot write: " + out.errorString().toStdString());
    return {};
}

} // namespace wb::engine
