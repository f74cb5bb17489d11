#include "engine/sources/huggingface_source.h"

#include "engine/sources/http_request.h"

#include <QByteArray>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <list>
#include <map>
#include <mutex>

namespace wb::engine {
namespace {

constexpr int64_t kPageRows = 100;      //!< the viewer's maximum `length` per /rows request
constexpr size_t kCachedPages = 32;     //!< ~3200 rows: a few screens of the browser either way
constexpr int64_t kMaxResponseBytes = int64_t(256) << 20; //!< a page with large cells, not more

std::string toLower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

api::Error badUri(const std::string &uri, const std::string &why)
{
    return api::Error::badRequest("invalid Hugging Face URI '" + uri + "': " + why
                                  + " (expected huggingface://datasets/<org>/<name>?split=<split>)");
}

//! A split's slice bound: digits only, so "-1" or "1.5" are malformed rather than misread.
std::optional<int64_t> sliceBound(const QString &digits, bool *ok)
{
    *ok = true;
    if (digits.isEmpty())
        return std::nullopt;
    const qlonglong v = digits.toLongLong(ok); // false on overflow
    return *ok ? std::optional<int64_t>(v) : std::nullopt;
}

} // namespace

api::Result<HuggingFaceUri> parseHuggingFaceUri(const std::string &uri)
{
    static const std::string scheme = "huggingface://";
    if (toLower(uri.substr(0, scheme.size())) != scheme)
        return badUri(uri, "not a huggingface:// URI");

    std::string rest = uri.substr(scheme.size());
    rest = rest.substr(0, rest.find('#'));
    const size_t question = rest.find('?');
    const std::string query = question == std::string::npos ? "" : rest.substr(question + 1);
    const std::string hostAndPath = rest.substr(0, question);

    // Like upstream's urlparse: the host is ignored and the path after it is the repo id.
    const size_t slash = hostAndPath.find('/');
    const QString path = QString::fromUtf8(QByteArray::fromPercentEncoding(
        QByteArray::fromStdString(slash == std::string::npos ? "" : hostAndPath.substr(slash + 1))));
    const QStringList segments = path.split(u'/', Qt::SkipEmptyParts);
    if (segments.isEmpty())
        return badUri(uri, "no dataset path after the host");
    if (segments.size() > 2)
        return badUri(uri, "the dataset path has more than <org>/<name>");
    static const QRegularExpression segmentRe(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]*$"));
    for (const QString &segment : segments)
        if (!segmentRe.match(segment).hasMatch())
            return badUri(uri, "'" + segment.toStdString() + "' is not a valid dataset name part");

    HuggingFaceUri out;
    out.dataset = segments.join(u'/').toStdString();

    const QUrlQuery q(QString::fromStdString(query));
    const QString split = q.queryItemValue(QStringLiteral("split"), QUrl::FullyDecoded).trimmed();
    if (split.isEmpty())
        return badUri(uri, "split is required, e.g. ?split=train");
    static const QRegularExpression splitRe(
        QStringLiteral(R"(^([A-Za-z0-9_.-]+)(?:\[\s*(\d*)\s*:\s*(\d*)\s*\])?$)"));
    const auto m = splitRe.match(split);
    if (!m.hasMatch())
        return badUri(uri, "malformed split '" + split.toStdString()
                               + "' (use train, train[:20], train[10:20] or train[5:])");
    out.split = m.captured(1).toStdString();
    bool okStart = true, okEnd = true;
    out.sliceStart = sliceBound(m.captured(2), &okStart);
    out.sliceEnd = sliceBound(m.captured(3), &okEnd);
    if (!okStart || !okEnd)
        return badUri(uri, "slice bound out of range in '" + split.toStdString() + "'");

    const QString config = q.queryItemValue(QStringLiteral("name"), QUrl::FullyDecoded).trimmed();
    if (!config.isEmpty())
        out.config = config.toStdString();
    return out;
}

HuggingFaceOptions huggingFaceOptionsFromEnvironment()
{
    HuggingFaceOptions options;
    QString endpoint = qEnvironmentVariable("HF_ENDPOINT").trimmed();
    while (endpoint.endsWith(u'/'))
        endpoint.chop(1);
    if (!endpoint.isEmpty())
        options.endpoint = endpoint.toStdString();
    options.token = qEnvironmentVariable("HF_TOKEN").trimmed().toStdString();
    if (options.token.empty()) // the older name huggingface_hub still honours
        options.token = qEnvironmentVariable("HUGGING_FACE_HUB_TOKEN").trimmed().toStdString();
    return options;
}

namespace {

using Page = std::shared_ptr<const std::vector<api::JsonObject>>;

struct PageData
{
    Page rows;
    int64_t total = 0;
    std::vector<std::string> columns;
};

class HuggingFaceRowSource final : public RowSource
{
public:
    HuggingFaceRowSource(HuggingFaceUri uri, HuggingFaceOptions options)
        : m_uri(std::move(uri)), m_options(std::move(options))
    {
        while (!m_options.endpoint.empty() && m_options.endpoint.back() == '/')
            m_options.endpoint.pop_back();
        if (m_uri.config)
            m_config = m_uri.config;
    }

    api::Result<int64_t> rowCount() override
    {
        if (auto s = ensureMeta(); !s)
            return s.error();
        std::lock_guard lock(m_mutex);
        return m_sliceEnd - m_sliceBegin;
    }

    api::Result<std::vector<api::JsonObject>> readRows(int64_t start, int64_t count) override
    {
        if (auto s = ensureMeta(); !s)
            return s.error();
        int64_t begin = 0, end = 0;
        {
            std::lock_guard lock(m_mutex);
            start = std::max<int64_t>(start, 0);
            count = std::max<int64_t>(count, 0);
            begin = m_sliceBegin + std::min(start, m_sliceEnd - m_sliceBegin);
            end = begin + std::min(count, m_sliceEnd - begin); // no overflow for huge counts
        }
        std::vector<api::JsonObject> out;
        if (begin >= end)
            return out;
        out.reserve(size_t(end - begin));
        for (int64_t p = begin / kPageRows; p <= (end - 1) / kPageRows; ++p) {
            auto page = pageAt(p);
            if (!page)
                return page.error();
            const int64_t first = p * kPageRows;
            const int64_t from = std::max(begin, first) - first;
            const int64_t to = std::min<int64_t>(end - first, int64_t(page.value()->size()));
            for (int64_t i = from; i < to; ++i)
                out.push_back((*page.value())[size_t(i)]);
            if (to < std::min(end - first, kPageRows))
                break; // the viewer sent fewer rows than it counted; return what exists
        }
        return out;
    }

    std::vector<std::string> columns() override
    {
        std::lock_guard lock(m_mutex);
        return m_columns;
    }

    std::string formatName() const override { return "huggingface"; }

private:
    //! Resolves the config and reads the page holding the slice start, which gives the total.
    api::Status ensureMeta()
    {
        {
            std::lock_guard lock(m_mutex);
            if (m_haveMeta)
                return {};
        }
        // Network calls happen outside the lock; two threads racing here only duplicate a request.
        auto config = resolveConfig();
        if (!config)
            return config.error();
        const int64_t firstPage = m_uri.sliceStart.value_or(0) / kPageRows;
        auto page = fetchPage(config.value(), firstPage);
        if (!page)
            return page.error();

        std::lock_guard lock(m_mutex);
        if (!m_haveMeta) {
            const int64_t total = page->total;
            m_sliceBegin = std::min(m_uri.sliceStart.value_or(0), total);
            m_sliceEnd = std::max(m_sliceBegin, std::min(m_uri.sliceEnd.value_or(total), total));
            m_columns = page->columns;
            m_haveMeta = true;
        }
        insertPageLocked(firstPage, page->rows);
        return {};
    }

    api::Result<std::string> resolveConfig()
    {
        {
            std::lock_guard lock(m_mutex);
            if (m_config)
                return *m_config;
        }
        auto body = getJson("/splits", {{"dataset", m_uri.dataset}});
        if (!body)
            return body.error();
        const auto &splits = body->contains("splits") ? (*body)["splits"] : api::Json();
        if (!splits.is_array())
            return api::Error::badGateway(describe() + ": the dataset viewer's /splits answer has no splits list");
        std::string available;
        for (const auto &s : splits) {
            if (!s.is_object())
                continue;
            const std::string config = s.value("config", "");
            const std::string split = s.value("split", "");
            if (split == m_uri.split) {
                std::lock_guard lock(m_mutex);
                m_config = config;
                return config;
            }
            available += (available.empty() ? "" : ", ") + config + "/" + split;
        }
        return api::Error::notFound("split '" + m_uri.split + "' not found in dataset '" + m_uri.dataset
                                    + "'; available: " + (available.empty() ? "none" : available));
    }

    api::Result<Page> pageAt(int64_t index)
    {
        {
            std::lock_guard lock(m_mutex);
            if (auto it = m_pages.find(index); it != m_pages.end()) {
                m_lru.splice(m_lru.begin(), m_lru, it->second.second); // now most recently used
                return it->second.first;
            }
        }
        auto config = resolveConfig();
        if (!config)
            return config.error();
        auto page = fetchPage(config.value(), index);
        if (!page)
            return page.error();
        std::lock_guard lock(m_mutex);
        insertPageLocked(index, page->rows);
        return page->rows;
    }

    void insertPageLocked(int64_t index, Page rows)
    {
        if (auto it = m_pages.find(index); it != m_pages.end()) {
            m_lru.splice(m_lru.begin(), m_lru, it->second.second);
            return;
        }
        m_lru.push_front(index);
        m_pages.emplace(index, std::make_pair(std::move(rows), m_lru.begin()));
        while (m_pages.size() > kCachedPages) {
            m_pages.erase(m_lru.back());
            m_lru.pop_back();
        }
    }

    api::Result<PageData> fetchPage(const std::string &config, int64_t index)
    {
        auto body = getJson("/rows", {{"dataset", m_uri.dataset},
                                      {"config", config},
                                      {"split", m_uri.split},
                                      {"offset", std::to_string(index * kPageRows)},
                                      {"length", std::to_string(kPageRows)}});
        if (!body)
            return body.error();
        const api::Json &j = body.value();
        PageData page;
        if (!j.contains("rows") || !j["rows"].is_array() || !j.contains("num_rows_total")
            || !j["num_rows_total"].is_number_integer())
            return api::Error::badGateway(describe() + ": the dataset viewer's /rows answer lacks rows or num_rows_total");
        page.total = std::max<int64_t>(0, j["num_rows_total"].get<int64_t>());
        if (j.contains("features") && j["features"].is_array())
            for (const auto &f : j["features"])
                if (f.is_object() && f.contains("name") && f["name"].is_string())
                    page.columns.push_back(f["name"].get<std::string>());

        auto rows = std::make_shared<std::vector<api::JsonObject>>();
        rows->reserve(j["rows"].size());
        for (const auto &entry : j["rows"]) {
            const api::Json *cells = entry.is_object() && entry.contains("row") ? &entry["row"] : nullptr;
            api::JsonObject row;
            if (cells && cells->is_object()) {
                // Features order first (the viewer's object order is not guaranteed), then any
                // cell the features did not declare.
                for (const auto &name : page.columns)
                    if (auto it = cells->find(name); it != cells->end())
                        row.value[name] = *it;
                for (auto it = cells->begin(); it != cells->end(); ++it)
                    if (!row.value.contains(it.key()))
                        row.value[it.key()] = it.value();
            }
            rows->push_back(std::move(row));
        }
        page.rows = std::move(rows);
        return page;
    }

    //! One GET against the viewer, mapped to the error convention of core/api/error.h.
    api::Result<api::Json> getJson(const std::string &path,
                                   const std::vector<std::pair<std::string, std::string>> &params)
    {
        QByteArray url = QByteArray::fromStdString(m_options.endpoint + path);
        char separator = '?';
        for (const auto &[key, value] : params) {
            url += separator + QByteArray::fromStdString(key) + '='
                + QUrl::toPercentEncoding(QString::fromStdString(value));
            separator = '&';
        }
        http::GetOptions get;
        get.timeoutMs = m_options.timeoutMs;
        get.maxBytes = kMaxResponseBytes;
        get.headers.append(qMakePair(QByteArray("Accept"), QByteArray("application/json")));
        if (!m_options.token.empty())
            get.headers.append(qMakePair(QByteArray("Authorization"),
                                         QByteArray("Bearer " + QByteArray::fromStdString(m_options.token))));
        QByteArray body;
        const auto r = http::blockingGet(url, get, [&](const QByteArray &chunk) {
            body += chunk;
            return true;
        });
        const std::string where = url.toStdString();
        using Outcome = http::GetResult::Outcome;
        switch (r.outcome) {
        case Outcome::TimedOut:
            return api::Error::make(504, describe() + ": the dataset viewer did not answer within "
                                             + std::to_string(m_options.timeoutMs) + " ms (" + where + ")");
        case Outcome::NetworkError:
            return api::Error::badGateway(describe() + ": cannot reach the dataset viewer at " + where
                                          + ": " + r.errorString.toStdString());
        case Outcome::TooLarge:
        case Outcome::SinkFailed:
            return api::Error::badGateway(describe() + ": the dataset viewer's answer is too large (" + where + ")");
        case Outcome::Finished:
            break;
        }
        if (!r.isSuccess()) {
            const std::string upstream = upstreamError(r.errorBody);
            const std::string suffix = upstream.empty() ? "" : ": " + upstream;
            if (r.httpStatus == 401 || r.httpStatus == 403)
                return api::Error::badGateway(
                    describe() + " is gated or private (" + http::statusText(r).toStdString() + suffix + "); "
                    + (m_options.token.empty() ? "set HF_TOKEN to a Hugging Face token that has access"
                                               : "the token in HF_TOKEN has no access to it"));
            if (r.httpStatus == 404)
                return api::Error::notFound(describe() + " not found" + suffix);
            return api::Error::badGateway(describe() + ": the dataset viewer answered "
                                          + http::statusText(r).toStdString() + suffix);
        }
        api::Json j = api::Json::parse(body.constData(), body.constData() + body.size(), nullptr, false);
        if (j.is_discarded() || !j.is_object())
            return api::Error::badGateway(describe() + ": the dataset viewer's answer is not a JSON object (" + where + ")");
        return j;
    }

    //! The viewer's {"error": "..."} text, or the start of a non-JSON body.
    static std::string upstreamError(const QByteArray &body)
    {
        const auto j = api::Json::parse(body.constData(), body.constData() + body.size(), nullptr, false);
        if (j.is_object() && j.contains("error") && j["error"].is_string())
            return j["error"].get<std::string>();
        return QString::fromUtf8(body.left(300)).simplified().toStdString();
    }

    std::string describe() const { return "Hugging Face dataset '" + m_uri.dataset + "'"; }

    const HuggingFaceUri m_uri;
    HuggingFaceOptions m_options;

    std::mutex m_mutex; // guards everything below
    std::optional<std::string> m_config;
    bool m_haveMeta = false;
    int64_t m_sliceBegin = 0; //!< absolute row range of the slice, clipped to the split's size
    int64_t m_sliceEnd = 0;
    std::vector<std::string> m_columns;
    std::list<int64_t> m_lru; //!< page indexes, most recently used first
    std::map<int64_t, std::pair<Page, std::list<int64_t>::iterator>> m_pages;
};

} // namespace

std::unique_ptr<RowSource> makeHuggingFaceRowSource(HuggingFaceUri uri, HuggingFaceOptions options)
{
    return std::make_unique<HuggingFaceRowSource>(std::move(uri), std::move(options));
}

} // namespace wb::engine
