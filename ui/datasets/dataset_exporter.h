#pragma once

// Writes a whole dataset to a CSV or JSONL file, page by page: each iterrows() page is written on a
// worker thread, then the next page is asked for, so neither the GUI thread nor memory holds more
// than one page. The file is written through QSaveFile: a cancelled or failed export leaves no
// half-written file behind (and does not clobber an existing one).

#include "api/stack_api.h"
#include "export_format.h"

#include <QObject>

#include <atomic>
#include <memory>

namespace wb::ui {

class DatasetExporter : public QObject
{
    Q_OBJECT
public:
    static constexpr int PageSize = 1000;

    DatasetExporter(api::StackApi &api, QObject *parent);
    ~DatasetExporter() override;

    //! Starts the export. `columns` is the CSV header (the dataset's columns); when empty, the first
    //! page's keys are used. `totalRows` < 0 when unknown (progress is then indeterminate).
    void start(const QString &datasetId, const QString &filePath, ExportFormat format,
               std::vector<std::string> columns, int64_t totalRows);
    //! Stops after the page being written; the target file is left untouched.
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progress(qint64 rowsWritten, qint64 totalRows);
    //! Exactly once per start(). `message` is empty on success, else readable (or "cancelled").
    void finished(bool ok, bool cancelled, const QString &message);

private:
    struct Job;
    void requestPage();
    void finish(bool ok, const QString &message);

    api::StackApi &m_api;
    std::shared_ptr<Job> m_job;
    bool m_running = false;
};

} // namespace wb::ui
