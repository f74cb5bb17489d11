#pragma once

// Private to the engine's session files (engine.cpp, engine_eval.cpp, engine_post_training.cpp,
// engine_rerank.cpp): what every session shares and how a call is run on the engine's threads.

#include "engine/engine.h"

#include "api/async.h"
#include "engine/datasets/dataset_service.h"
#include "engine/datasets/source_resolver.h"
#include "engine/guarded.h"
#include "engine/eval/benchmark_service.h"
#include "engine/eval/eval_service.h"
#include "engine/inference/inference_service.h"
#include "engine/inference/local_model_cache.h"
#include "engine/models/registry.h"
#include "engine/rerank/rerank_service.h"
#include "engine/scoring/scoring_service.h"
#include "engine/training/post_training_service.h"
#include "store/store.h"

#include <QPromise>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>


namespace wb::engine {

//! What every session shares: configuration, threads, store and services.
class EngineCore
{
public:
    EngineConfig config;
    QThreadPool pool;
    std::unique_ptr<store::Store> store;
    std::unique_ptr<SourceResolver> sources;
    std::unique_ptr<DatasetService> datasets;
    std::unique_ptr<ModelRegistry> models;
    std::unique_ptr<LocalModelCache> localModels;
    std::unique_ptr<InferenceService> inference;
    std::unique_ptr<RerankService> rerank;
    std::unique_ptr<ScoringService> scoring;
    std::unique_ptr<BenchmarkService> benchmarks;
    std::unique_ptr<EvalService> eval; // destroyed before the services it uses
    //! Training jobs (their own threads); declared last: destroyed first, it uses the others.
    std::unique_ptr<PostTrainingService> training;
    //! Generations take seconds to minutes, so they get their own threads and never hold up
    //! dataset calls. Few: each local generation already uses every core through torch's
    //! intra-op threads. Calls to remote endpoints mostly wait on the network, so they get more
    //! threads of their own rather than queueing behind local generations.
    QThreadPool localInferencePool;
    QThreadPool remoteInferencePool;
    //! Calls that can take minutes (score with a judge model, evaluate_rows) wait here rather
    //! than hold the threads of the quick calls.
    QThreadPool longCallPool;

    ~EngineCore() { waitForDone(); }

    //! In this order: a call on `pool` may still hand a generation to an inference pool.
    void waitForDone()
    {
        longCallPool.waitForDone();
        pool.waitForDone();
        localInferencePool.waitForDone();
        remoteInferencePool.waitForDone();
    }

    //! Runs `work(core)` on the engine's pool. Exceptions (nlohmann, std::bad_alloc, later
    //! libtorch) stop here and become a 500, so a future never carries one across threads. The
    //! task holds the core alive, never the session that asked.
    template<typename T, typename F>
    static QFuture<api::Result<T>> run(const std::shared_ptr<EngineCore> &core, F work)
    {
        return runOn<T>(core, core->pool, std::move(work));
    }
    template<typename T, typename F>
    static QFuture<api::Result<T>> runLong(const std::shared_ptr<EngineCore> &core, F work)
    {
        return runOn<T>(core, core->longCallPool, std::move(work));
    }
    template<typename T, typename F>
    static QFuture<api::Result<T>> runOn(const std::shared_ptr<EngineCore> &core, QThreadPool &threads, F work)
    {
        if (!core->datasets)
            return api::readyResult<T>(api::Error::internal("the engine is not open"));
        return QtConcurrent::run(&threads, [core, work = std::move(work)]() -> api::Result<T> {
            return guarded<T>([&] { return work(*core); });
        });
    }

    //! Runs a call in two steps: `resolve(core)` (a model lookup: it reads the store) on the
    //! engine's pool, then `work(core, target)` on the threads `threadsFor(core, target)` names
    //! (an inference pool: a generation must not hold up dataset calls).
    template<typename T, typename Target, typename Resolve, typename ThreadsFor, typename F>
    static QFuture<api::Result<T>> runResolved(const std::shared_ptr<EngineCore> &core, Resolve resolve,
                                               ThreadsFor threadsFor, F work)
    {
        if (!core->datasets)
            return api::readyResult<T>(api::Error::internal("the engine is not open"));
        auto promise = std::make_shared<QPromise<api::Result<T>>>();
        promise->start();
        QFuture<api::Result<T>> future = promise->future();
        auto finish = [promise](api::Result<T> r) {
            promise->addResult(std::move(r));
            promise->finish();
        };
        core->pool.start([core, resolve = std::move(resolve), threadsFor = std::move(threadsFor),
                          work = std::move(work), finish]() mutable {
            api::Result<Target> target = guarded<Target>([&] { return resolve(*core); });
            if (!target)
                return finish(target.error());
            QThreadPool &threads = threadsFor(*core, target.value());
            threads.start([core, target = std::move(target).value(), work = std::move(work), finish] {
                finish(guarded<T>([&] { return work(*core, target); }));
            });
        });
        return future;
    }

    //! An inference call: the model's target, then the inference threads its kind of model uses.
    template<typename T, typename F>
    static QFuture<api::Result<T>> runInference(const std::shared_ptr<EngineCore> &core,
                                                std::string principal, std::string modelId, F work)
    {
        return runResolved<T, InferenceService::Target>(
            core,
            [principal = std::move(principal), modelId = std::move(modelId)](EngineCore &c) {
                return c.inference->target(principal, modelId);
            },
            [](EngineCore &c, const InferenceService::Target &target) -> QThreadPool & {
                return target.local ? c.localInferencePool : c.remoteInferencePool;
            },
            std::move(work));
    }
};

} // namespace wb::engine
