#include "engine/datasets/xlsx_row_source.h"

#include "engine/datasets/xlsx_reader.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>

namespace wb::engine {

XlsxRowSource::XlsxRowSource(QString path, QString indexDir, std::string displayName)
    : m_path(std::move(path)), m_indexDir(std::move(indexDir)), m_displayName(std::move(displayName))
{
}

QString XlsxRowSource::convertedPathFor(const QString &path, const SourceStamp &stamp,
                                        const QString &indexDir)
{
    // "<hash of path>-<hash of path, size, mtime>": the prefix finds older conversions to remove.
    const QByteArray absolute = QFileInfo(path).absoluteFilePath().toUtf8();
    const QByteArray version = absolute + '\0' + QByteArray::number(quint64(stamp.size)) + '\0'
        + QByteArray::number(qint64(stamp.mtimeNs));
    const QByteArray hash = QCryptographicHash::hash(absolute, QCryptographicHash::Sha1).toHex().left(16)
        + '-' + QCryptographicHash::hash(version, QCryptographicHash::Sha1).toHex().left(16);
    return QDir(indexDir).filePath(QString::fromLatin1(hash) + QStringLiteral(".xlsx.jsonl"));
}

void XlsxRowSource::removeOlderConversions(const QString &current) const
{
    const QString name = QFileInfo(current).fileName();
    const QString prefix = name.left(name.indexOf(QLatin1Char('-')) + 1);
    QDir dir(m_indexDir);
    const QStringList old = dir.entryList({prefix + QStringLiteral("*.xlsx.jsonl")}, QDir::Files);
    for (const QString &file : old) {
        if (file == name)
            continue;
        const QString path = dir.filePath(file);
        QFile::remove(RowIndex::indexPathFor(path, m_indexDir, FileFormat::Jsonl));
        QFile::remove(path);
    }
}

api::Result<std::shared_ptr<FileRowSource>> XlsxRowSource::current()
{
    const api::Result<SourceStamp> stamp = stampOf(m_path, m_displayName);
    if (!stamp)
        return stamp.error();
    std::lock_guard lock(m_mutex);
    if (m_jsonl && m_stamp == stamp.value())
        return m_jsonl;
    const QString converted = convertedPathFor(m_path, stamp.value(), m_indexDir);
    if (!QFileInfo::exists(converted)) {
        if (!QDir().mkpath(m_indexDir))
            return api::Error::internal("cannot create the index folder " + m_indexDir.toStdString());
        if (auto st = convertXlsxToJsonl(m_path, converted, m_displayName); !st)
            return st.error();
        removeOlderConversions(converted); // an edited workbook must not leave copies behind
    }
    m_stamp = stamp.value();
    m_jsonl = std::make_shared<FileRowSource>(converted, FileFormat::Jsonl, m_indexDir, m_displayName);
    return m_jsonl;
}

api::Result<int64_t> XlsxRowSource::rowCount()
{
    auto source = current();
    if (!source)
        return source.error();
    return source.value()->rowCount();
}

api::Result<std::vector<api::JsonObject>> XlsxRowSource::readRows(int64_t start, int64_t count)
{
    auto source = current();
    if (!source)
        return source.error();
    return source.value()->readRows(start, count);
}

std::vector<std::string> XlsxRowSource::columns()
{
    std::lock_guard lock(m_mutex);
    return m_jsonl ? m_jsonl->columns() : std::vector<std::string>{};
}

} // namespace wb::engine
