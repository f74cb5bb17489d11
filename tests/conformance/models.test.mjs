// The Models endpoints through client.models.*: the OpenAI-style list and the Model of one id,
// validated against the stable spec's schemas. run.sh puts one tiny random Llama in the server's
// Hugging Face cache; its id ($WB_TEST_MODEL, "wb-test/tiny-llama") has a '/', which the SDK sends
// unencoded (/v1/models/wb-test/tiny-llama).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { NotFoundError } from 'llama-stack-client';

import { assertJsonExchange, client, raw, sdk, sdkError, testModel } from './lib/harness.mjs';

describe('models', () => {
  test('list: OpenAIListModelsResponse, with the test model as an llm', async () => {
    const [models, exchange] = await sdk(() => client.models.list());
    const body = assertJsonExchange(exchange, 'OpenAIListModelsResponse');
    assert.deepEqual(models, body.data, 'client.models.list() unwraps data');
    const tiny = body.data.find((m) => m.id === testModel);
    assert.ok(tiny, `${testModel} is listed: ${exchange.text.slice(0, 500)}`);
    assert.equal(tiny.object, 'model');
    assert.equal(tiny.custom_metadata.model_type, 'llm');
    assert.equal(tiny.custom_metadata.provider_id, 'local');
  });

  test('retrieve: Model, by an id with a slash', async () => {
    const [model, exchange] = await sdk(() => client.models.retrieve(testModel));
    const body = assertJsonExchange(exchange, 'Model');
    assert.deepEqual(model, body);
    assert.equal(body.identifier, testModel);
    assert.equal(body.type, 'model');
    assert.equal(body.model_type, 'llm');
    assert.equal(body.provider_id, 'local');
  });

  test('retrieve with the slash percent-encoded names the same model', async () => {
    const exchange = await raw('GET', `/v1/models/${encodeURIComponent(testModel)}`);
    assert.equal(assertJsonExchange(exchange, 'Model').identifier, testModel);
  });

  test('retrieve an unknown id: 404 with the Error body', async () => {
    const body = await sdkError(() => client.models.retrieve('wb-test/no-such-model'), 404,
      NotFoundError);
    assert.ok(body.detail.includes('wb-test/no-such-model'), body.detail);
  });
});
