#include "engine/datasets/row_index.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>

#include <cstring>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

namespace wb::engine {
namespace {

constexpr char kMagic[8] = {'W', 'B', 'R', 'O', 'W', 'I', 'D', 'X'};
constexpr uint32_t kVersion = 1;

struct IndexHeader
{
    char magic[8];
    uint32_t version;
    uint32_t format;
    uint64_t sourceSize;
    int64_t sourceMtimeNs;
    uint64_t rowCount;
    uint64_t reserved; // keeps the offsets that follow 16-byte aligned; room for a later field
};
static_assert(sizeof(IndexHeader) == 48, "the index header is part of the on-disk format");

} // namespace

api::Result<SourceStamp> stampOf(const QString &path, const std::string &displayName)
{
#ifdef Q_OS_UNIX
    // QFileInfo only has millisecond mtimes; two writes within a millisecond must still differ.
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return api::Error::notFound(displayName + " not found");
        return api::Error::badRequest(displayName + " cannot be read: " + std::strerror(errno));
    }
    if (!S_ISREG(st.st_mode))
        return api::Error::badRequest(displayName + " is not a regular file");
    return SourceStamp{uint64_t(st.st_size), int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
#else
    const QFileInfo info(path);
    if (!info.exists())
        return api::Error::notFound(displayName + " not found");
    if (!info.isFile())
        return api::Error::badRequest(displayName + " is not a regular file");
    return SourceStamp{uint64_t(info.size()),
                      info.lastModified().toMSecsSinceEpoch() * 1000000};
#endif
}

bool OffsetWriter::flush()
{
    if (m_buffer.empty() || m_failed)
        return !m_failed;
    const auto bytes = qint64(m_buffer.size() * sizeof(uint64_t));
    if (m_file.write(reinterpret_cast<const char *>(m_buffer.data()), bytes) != bytes)
        m_failed = true;
    m_buffer.clear();
    return !m_failed;
}

RowIndex::~RowIndex()
{
    if (m_offsets)
        m_file.unmap(reinterpret_cast<uchar *>(const_cast<uint64_t *>(m_offsets))
                     - sizeof(IndexHeader));
}

QString RowIndex::indexPathFor(const QString &sourcePath, const QString &indexDir, FileFormat format)
{
    // The format is part of the key: the same .txt read as CSV and as TSV has different rows.
    const QByteArray key = QFileInfo(sourcePath).absoluteFilePath().toUtf8() + '\0' + formatName(format);
    const QByteArray hash = QCryptographicHash::hash(key, QCryptographicHash::Sha1).toHex().left(24);
    return QDir(indexDir).filePath(QString::fromLatin1(hash) + QStringLiteral(".rowidx"));
}

bool RowIndex::map(const SourceStamp &stamp, FileFormat format)
{
    if (!m_file.open(QIODevice::ReadOnly))
        return false;
    const qint64 size = m_file.size();
    if (size < qint64(sizeof(IndexHeader) + sizeof(uint64_t)))
        return false;
    IndexHeader h{};
    if (m_file.read(reinterpret_cast<char *>(&h), sizeof h) != qint64(sizeof h))
        return false;
    if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0 || h.version != kVersion
        || h.format != uint32_t(format) || h.sourceSize != stamp.size
        || h.sourceMtimeNs != stamp.mtimeNs
        || uint64_t(size) != sizeof(IndexHeader) + (h.rowCount + 1) * sizeof(uint64_t))
        return false;
    uchar *p = m_file.map(0, size);
    if (!p)
        return false;
    m_offsets = reinterpret_cast<const uint64_t *>(p + sizeof(IndexHeader));
    m_rowCount = int64_t(h.rowCount);
    m_stamp = stamp;
    return true;
}

api::Result<std::shared_ptr<const RowIndex>>
RowIndex::openOrBuild(const QString &sourcePath, const QString &indexDir, FileFormat format,
                      const SourceStamp &stamp, const RowScanner &scan, const std::string &displayName)
{
    const QString indexPath = indexPathFor(sourcePath, indexDir, format);
    {
        std::shared_ptr<RowIndex> existing(new RowIndex);
        existing->m_file.setFileName(indexPath);
        if (existing->map(stamp, format))
            return std::shared_ptr<const RowIndex>(std::move(existing));
    }

    if (!QDir().mkpath(indexDir))
        return api::Error::internal("cannot create the index folder " + indexDir.toStdString());
    QFile source(sourcePath);
    // Unbuffered: the scanner reads large chunks itself; Qt's buffer would only add a copy.
    if (!source.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return api::Error::badRequest(displayName + " cannot be read: " + source.errorString().toStdString());

    QSaveFile out(indexPath);
    if (!out.open(QIODevice::WriteOnly))
        return api::Error::internal("cannot write the row index " + indexPath.toStdString() + ": "
                                    + out.errorString().toStdString());
    IndexHeader h{};
    std::memcpy(h.magic, kMagic, sizeof kMagic);
    h.version = kVersion;
    h.format = uint32_t(format);
    h.sourceSize = stamp.size;
    h.sourceMtimeNs = stamp.mtimeNs;
    out.write(reinterpret_cast<const char *>(&h), sizeof h); // rowCount is filled in at the end

    OffsetWriter writer(out);
    const api::Result<uint64_t> end = scan(source, stamp.size, writer);
    if (!end) {
        out.cancelWriting();
        return end.error();
    }
    h.rowCount = writer.count();
    writer.add(end.value());
    if (!writer.flush() || !out.seek(0)
        || out.write(reinterpret_cast<const char *>(&h), sizeof h) != qint64(sizeof h) || !out.commit())
        return api::Error::internal("cannot write the row index " + indexPath.toStdString() + ": "
                                    + out.errorString().toStdString());

    std::shared_ptr<RowIndex> built(new RowIndex);
    built->m_file.setFileName(indexPath);
    if (!built->map(stamp, format))
        return api::Error::internal("cannot map the row index " + indexPath.toStdString());
    return std::shared_ptr<const RowIndex>(std::move(built));
}

int64_t lineNumberAt(const QString &path, uint64_t offset)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return 0;
    int64_t line = 1;
    std::vector<char> buf(1 << 20);
    uint64_t pos = 0;
    while (pos < offset) {
        const qint64 want = qint64(std::min<uint64_t>(buf.size(), offset - pos));
        const qint64 got = f.read(buf.data(), want);
        if (got <= 0)
            break;
        const char *p = buf.data();
        const char *e = p + got;
        while ((p = static_cast<const char *>(std::memchr(p, '\n', size_t(e - p))))) {
            ++line;
            ++p;
        }
        pos += uint64_t(got);
    }
    return line;
}

} // namespace wb::engine
