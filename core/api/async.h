#pragma once

// Small helpers around QFuture<Result<T>> for callers of the StackApi.

#include "result.h"

#include <QCoreApplication>
#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QPromise>

#include <memory>
#include <utility>

namespace wb::api {

//! Calls `f(result)` on `guard`'s thread when `future` finishes, unless `guard` is gone by then.
//! The watcher is parented to the guard, so it dies with it (no late callbacks, no leaks).
template<typename T, typename F>
void onResult(const QFuture<Result<T>> &future, QObject *guard, F &&f)
{
    auto *watcher = new QFutureWatcher<Result<T>>(guard);
    QObject::connect(watcher, &QFutureWatcherBase::finished, guard,
                     [watcher, f = std::forward<F>(f)]() mutable {
                         const Result<T> r = watcher->future().isValid()
                                                 && watcher->future().resultCount() > 0
                                             ? watcher->future().result()
                                             : Result<T>(Error::internal("call was cancelled"));
                         watcher->deleteLater();
                         f(r);
                     });
    watcher->setFuture(future);
}

//! A future that is already finished with `value` (for answers that need no work).
template<typename T>
QFuture<Result<T>> readyResult(Result<T> value)
{
    QPromise<Result<T>> promise;
    promise.start();
    promise.addResult(std::move(value));
    promise.finish();
    return promise.future();
}

//! Blocks until the future has finished and returns its result. For tests, the command line and
//! worker threads only: never call it on the GUI thread.
template<typename T>
Result<T> await(QFuture<Result<T>> future)
{
    future.waitForFinished();
    if (future.resultCount() == 0)
        return Error::internal("call was cancelled");
    return future.result();
}

} // namespace wb::api
