#include "dataset_text.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>

namespace wb::ui {

namespace {

//! Translation context for the free functions of this file.
struct DatasetTextTr
{
    Q_DECLARE_TR_FUNCTIONS(wb::ui::DatasetText)
};

//! huggingface://datasets/org/name?split=train&name=cfg → "hf: org/name:train".
QString huggingFaceSummary(const QUrl &url)
{
    QString path = url.host() + url.path(); // host is "datasets"
    if (path.startsWith(QStringLiteral("datasets/")))
        path = path.mid(9);
    const QUrlQuery query(url);
    QString text = QStringLiteral("hf: ") + path;
    if (query.hasQueryItem(QStringLiteral("split")))
        text += QLatin1Char(':') + query.queryItemValue(QStringLiteral("split"));
    return text;
}

} // namespace

QString sourceSummary(const api::DataSource &source)
{
    if (const auto *rows = std::get_if<api::RowsDataSource>(&source))
        return DatasetTextTr::tr("inline rows (%1)").arg(rows->rows.size());
    const QString uri = QString::fromStdString(std::get<api::UriDataSource>(source).uri);
    if (uri.startsWith(QStringLiteral("data:")))
        return DatasetTextTr::tr("data: URI");
    const QUrl url(uri);
    const QString scheme = url.scheme().toLower();
    if (scheme == QStringLiteral("huggingface") || scheme == QStringLiteral("hf"))
        return huggingFaceSummary(url);
    if (scheme == QStringLiteral("http") || scheme == QStringLiteral("https"))
        return url.host();
    if (scheme == QStringLiteral("file"))
        return QFileInfo(url.toLocalFile()).fileName();
    return QFileInfo(uri).fileName(); // a plain path
}

QString sourceDetail(const api::DataSource &source)
{
    if (const auto *rows = std::get_if<api::RowsDataSource>(&source))
        return DatasetTextTr::tr("%1 rows stored inline").arg(rows->rows.size());
    const QString uri = QString::fromStdString(std::get<api::UriDataSource>(source).uri);
    // A data: URI can be megabytes; a tooltip only needs its start.
    return uri.size() > 200 ? uri.left(200) + QChar(0x2026) : uri;
}

QString purposeName(api::DatasetPurpose purpose)
{
    return QString::fromLatin1(api::enumName(purpose));
}

const std::vector<api::DatasetPurpose> &allPurposes()
{
    static const std::vector<api::DatasetPurpose> purposes = {
        api::DatasetPurpose::EvalQuestionAnswer,
        api::DatasetPurpose::EvalMessagesAnswer,
        api::DatasetPurpose::PostTrainingMessages,
    };
    return purposes;
}

QStringList missingColumns(api::DatasetPurpose purpose, const std::vector<std::string> &columns)
{
    QStringList missing;
    for (const std::string &expected : api::expectedColumns(purpose))
        if (std::find(columns.begin(), columns.end(), expected) == columns.end())
            missing << QString::fromStdString(expected);
    return missing;
}

} // namespace wb::ui
