#include "dataset_exporter.h"

#include "common/error_display.h"
#include "common/json_text.h"

#include "api/async.h"

#include <QSaveFile>
#include <QtConcurrent>

namespace wb::ui {

//! Shared between the GUI thread and the worker that writes a page. Only one of them touches the
//! file at a time: the next page is asked for only after the previous write finished.
struct DatasetExporter::Job
{
    std::string datasetId;
    ExportFormat format = ExportFormat::Jsonl;
    std::vector<std::string> columns;
    int64_t totalRows = -1;
    int64_t next = 0;    //!< start index of the next page
    int64_t written = 0;
    bool headerWritten = false;
    std::atomic_bool cancelled{false};
    std::unique_ptr<QSaveFile> file; // no parent: owned here, used from worker threads in turn
};

DatasetExporter::DatasetExporter(api::StackApi &api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{
}

DatasetExporter::~DatasetExporter()
{
    // A write still running on a worker keeps the Job (and file) alive through its shared_ptr and
    // sees the flag; its result is dropped because the watcher dies with this object.
    if (m_job)
        m_job->cancelled = true;
}

void DatasetExporter::start(const QString &datasetId, const QString &filePath, ExportFormat format,
                            std::vector<std::string> columns, int64_t totalRows)
{
    if (m_running)
        return;
    m_job = std::make_shared<Job>();
    m_job->datasetId = toStdString(datasetId);
    m_job->format = format;
    m_job->columns = std::move(columns);
    m_job->totalRows = totalRows;
    m_job->file = std::make_unique<QSaveFile>(filePath);
    m_running = true;
    if (!m_job->file->open(QIODevice::WriteOnly)) {
        finish(false, tr("Could not write %1: %2").arg(filePath, m_job->file->errorString()));
        return;
    }
    Q_EMIT progress(0, totalRows);
    requestPage();
}

void DatasetExporter::cancel()
{
    if (m_job)
        m_job->cancelled = true;
}

void DatasetExporter::requestPage()
{
    if (m_job->cancelled) {
        finish(false, tr("Export cancelled."));
        return;
    }
    const std::shared_ptr<Job> job = m_job;
    api::onResult(m_api.iterrows(job->datasetId, job->next, PageSize), this,
                  [this, job](const api::Result<api::PaginatedResponse> &page) {
                      if (job != m_job)
                          return;
                      if (!page) {
                          finish(false, errorMessage(tr("Could not read rows from %1.").arg(job->next),
                                                     page.error()));
                          return;
                      }
                      // Formatting and writing 1000 rows can take a while for wide rows: worker.
                      QFuture<QString> written = QtConcurrent::run([job, page]() -> QString {
                          std::string chunk;
                          if (job->format == ExportFormat::Csv) {
                              if (!job->headerWritten) {
                                  if (job->columns.empty() && !page->data.empty())
                                      for (auto it = page->data.front().value.begin();
                                           it != page->data.front().value.end(); ++it)
                                          job->columns.push_back(it.key());
                                  chunk += csvHeader(job->columns);
                                  job->headerWritten = true;
                              }
                              for (const api::JsonObject &row : page->data)
                                  chunk += csvRecord(row.value, job->columns);
                          } else {
                              for (const api::JsonObject &row : page->data)
                                  chunk += jsonlRecord(row.value);
                          }
                          if (job->file->write(chunk.data(), qint64(chunk.size())) != qint64(chunk.size()))
                              return job->file->errorString();
                          job->written += int64_t(page->data.size());
                          job->next += int64_t(page->data.size());
                          return {};
                      });
                      auto *watcher = new QFutureWatcher<QString>(this);
                      connect(watcher, &QFutureWatcher<QString>::finished, this,
                              [this, watcher, job, hasMore = page->has_more, count = page->data.size()]() {
                                  const QString error = watcher->result();
                                  watcher->deleteLater();
                                  if (job != m_job)
                                      return;
                                  if (!error.isEmpty()) {
                                      finish(false, tr("Could not write the file: %1").arg(error));
                                      return;
                                  }
                                  Q_EMIT progress(job->written, job->totalRows);
                                  if (hasMore && count > 0)
                                      requestPage();
                                  else
                                      finish(true, {});
                              });
                      watcher->setFuture(written);
                  });
}

void DatasetExporter::finish(bool ok, const QString &message)
{
    const bool cancelled = m_job && m_job->cancelled;
    if (m_job && m_job->file) {
        if (ok && !m_job->file->commit()) {
            ok = false;
            Q_EMIT finished(false, false, tr("Could not save the file: %1").arg(m_job->file->errorString()));
            m_running = false;
            return;
        }
        if (!ok)
            m_job->file->cancelWriting();
    }
    m_running = false;
    Q_EMIT finished(ok, cancelled && !ok, message);
}

} // namespace wb::ui
