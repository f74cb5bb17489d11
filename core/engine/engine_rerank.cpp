// EngineSession's RerankApi: the model lookup on the engine's pool, then the scoring on the
// threads its kind needs: a local model's forward passes on the local inference threads, a
// remote call on the remote ones, BM25 on the long-call pool (engine_core_p.h runResolved).

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
    std::string model = request.model;
    return EngineCore::runResolved<api::RerankResponse, RerankService::Target>(
        m_core,
        [principal = m_principal, model = std::move(model)](EngineCore &c) {
            return c.rerank->target(principal, model);
        },
        [](EngineCore &c, const RerankService::Target &target) -> QThreadPool & {
            if (target.usesLocalModel())
                return c.localInferencePool;
            if (target.kind == RerankService::Target::Kind::Remote)
                return c.remoteInferencePool;
            return c.longCallPool; // BM25: quick for a page of items, but 10,000 long items take a while
        },
        [request = std::move(request), cancel](EngineCore &c, const RerankService::Target &target) {
            return c.rerank->rerank(target, request, cancel);
        });
}

} // namespace wb::engine
