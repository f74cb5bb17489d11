// RemoteClient's RerankApi: POST /v1alpha/inference/rerank with the spec's body.
//
// No transfer timeout: an LLM reranker on the server may take minutes for many items; the token
// aborts the request instead (the server then stops, see docs/server.md).

#include "remote/remote_client.h"
#include "remote/remote_client_p.h"

namespace wb::remote {

using namespace api;
using detail::Answer;
using detail::Verb;

QFuture<Result<RerankResponse>> RemoteClient::rerank(RerankRequest request, CancelToken cancel)
{
    detail::SendOptions options;
    options.cancel = cancel;
    options.timeoutMs = 0;
    return detail::send(*d, Verb::Post, QByteArrayLiteral("/v1alpha/inference/rerank"),
                        QByteArray::fromStdString(toJson(request).dump()), std::move(options))
        .then(QtFuture::Launch::Sync,
              [](const Answer &a) { return detail::decode<RerankResponse>(a, "rerank"); });
}

} // namespace wb::remote
