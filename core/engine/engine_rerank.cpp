// EngineSession's RerankApi: the model lookup on the engine's pool, then the scoring on the
// threads its kind needs: a local model's forward passes on the local inference threads, a
// remote call on the remote ones, BM25 (quick, CPU only) on the engine's pool.

#include "engine/engine_core_p.h"

namespace wb::engine {

QFuture<api::Result<api::RerankResponse>> EngineSession::rerank(api::RerankRequest request,
                                                                api::CancelToken cancel)
{
    if (!m_core->rerank)
        return api::readyResult<api::RerankResponse>(api::Error::internal("the engine is not open"));
    // Bad input is answered before the model is even looked up.
    if (auto ok = RerankService::checkRequest(request); !ok)
        return api::readyResult<api::RerankResponse>(ok.error());
    auto promise = std::make_shared<QPromise<api::Result<api::RerankResponse>>>();
    promise->start();
    QFuture<api::Result<api::RerankResponse>> future = promise->future();
    auto finish = [promise](api::Result<api::RerankResponse> r) {
        promise->addResult(std::move(r));
        promise->finish();
    };
    std::shared_ptr<EngineCore> core = m_core;
    core->pool.start([core, principal = m_principal, request = std::move(request), cancel, finish]() mutable {
        api::Result<RerankService::Target> target = api::Error::internal("no target");
        try {
            target = core->rerank->target(principal, request.model);
        } catch (const std::exception &e) {
            target = api::Error::internal(std::string("unexpected failure: ") + e.what());
        } catch (...) {
            target = api::Error::internal("unexpected failure");
        }
        if (!target)
            return finish(target.error());
        const bool local = target->usesLocalModel();
        const bool remote = target->kind == RerankService::Target::Kind::Remote;
        auto work = [core, target = std::move(target).value(), request = std::move(request), cancel, finish] {
            api::Result<api::RerankResponse> answer = api::Error::internal("no answer");
            try {
                answer = core->rerank->rerank(target, request, cancel);
            } catch (...) { // rerank() catches its own; this is for the copy of the answer
                answer = api::Error::internal("unexpected failure");
            }
            finish(std::move(answer));
        };
        if (local)
            core->localInferencePool.start(std::move(work));
        else if (remote)
            core->remoteInferencePool.start(std::move(work));
        else // BM25: quick for a page of items, but 10,000 long items take a while
            core->longCallPool.start(std::move(work));
    });
    return future;
}

} // namespace wb::engine
