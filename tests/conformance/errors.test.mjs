// Error answers: every one must carry the spec's Error body {status, title, detail[, instance]} with
// nothing else, and Error.status must equal the HTTP status. The SDK is used wherever it can send
// the request; raw fetch for what it cannot express (malformed JSON, wrong types in the query
// string, other content types, wrong methods, unknown routes, the x-workbench extension).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';

import {
  BadRequestError,
  ConflictError,
  NotFoundError,
  PermissionDeniedError,
} from 'llama-stack-client';

import {
  assertErrorExchange,
  client,
  outsideDir,
  raw,
  sdk,
  sdkError,
  uniqueId,
} from './lib/harness.mjs';

const missing = uniqueId('conf-missing');
const existing = uniqueId('conf-err');

const registered = [];
after(async () => {
  for (const id of registered) {
    try {
      await client.beta.datasets.unregister(id);
    } catch {
      // already gone
    }
  }
});

async function ensureExisting() {
  if (registered.includes(existing))
    return;
  await sdk(() => client.beta.datasets.register({
    dataset_id: existing,
    purpose: 'eval/question-answer',
    source: { type: 'rows', rows: [{ question: 'q', answer: 'a' }] },
  }));
  registered.push(existing);
}

describe('unknown dataset id: 404 with the Error body', () => {
  test('retrieve', async () => {
    const body = await sdkError(() => client.beta.datasets.retrieve(missing), 404, NotFoundError);
    assert.equal(body.title, 'Not Found');
    assert.ok(body.detail.includes(missing), `detail names the id: ${body.detail}`);
  });
  test('iterrows (upstream answers 400 here; the workbench 404 by design)', async () => {
    await sdkError(() => client.beta.datasets.iterrows(missing, { limit: 1 }), 404, NotFoundError);
  });
  test('append-rows', async () => {
    await sdkError(() => client.beta.datasets.appendrows(missing, { rows: [{ a: 1 }] }), 404,
      NotFoundError);
  });
  test('unregister', async () => {
    await sdkError(() => client.beta.datasets.unregister(missing), 404, NotFoundError);
  });
  test('dataset-stats (extension, raw fetch)', async () => {
    assertErrorExchange(await raw('GET', `/v1beta/x-workbench/dataset-stats/${missing}`), 404);
  });
});

describe('bad request bodies: 400', () => {
  test('register without source (SDK)', async () => {
    const body = await sdkError(
      () => client.beta.datasets.register({ dataset_id: uniqueId('conf-bad'), purpose: 'eval/question-answer' }),
      400, BadRequestError);
    assert.match(body.detail, /source/, `detail names the field: ${body.detail}`);
  });
  test('register with an unknown purpose (SDK)', async () => {
    const body = await sdkError(
      () => client.beta.datasets.register({ purpose: 'not-a-purpose',
                                            source: { type: 'rows', rows: [] } }),
      400, BadRequestError);
    assert.match(body.detail, /purpose/, `detail names the field: ${body.detail}`);
  });
  test('register with an unknown source type (SDK)', async () => {
    await sdkError(
      () => client.beta.datasets.register({ purpose: 'eval/question-answer',
                                            source: { type: 'ftp', uri: 'x' } }),
      400, BadRequestError);
  });
  test('register with rows that are not objects (SDK)', async () => {
    await sdkError(
      () => client.beta.datasets.register({ purpose: 'eval/question-answer',
                                            source: { type: 'rows', rows: [1, 2] } }),
      400, BadRequestError);
  });
  test('register with malformed JSON (raw: the SDK always sends valid JSON)', async () => {
    assertErrorExchange(await raw('POST', '/v1beta/datasets',
      { body: '{"purpose": ', headers: { 'Content-Type': 'application/json' } }), 400);
  });
  test('register with a JSON array body (raw)', async () => {
    assertErrorExchange(await raw('POST', '/v1beta/datasets', { body: [1, 2] }), 400);
  });
  test('append-rows without rows (SDK)', async () => {
    await ensureExisting();
    await sdkError(() => client.beta.datasets.appendrows(existing, {}), 400, BadRequestError);
  });
  test('append-rows with rows of the wrong type (SDK)', async () => {
    await ensureExisting();
    await sdkError(() => client.beta.datasets.appendrows(existing, { rows: 'nope' }), 400,
      BadRequestError);
  });
  test('iterrows with non-integer start_index / limit (raw: the SDK types them as numbers)', async () => {
    await ensureExisting();
    const a = assertErrorExchange(await raw('GET', `/v1beta/datasetio/iterrows/${existing}?start_index=abc`), 400);
    assert.match(a.detail, /start_index/);
    const b = assertErrorExchange(await raw('GET', `/v1beta/datasetio/iterrows/${existing}?limit=1.5`), 400);
    assert.match(b.detail, /limit/);
  });
});

describe('409 conflict', () => {
  test('registering an existing id with different content (SDK)', async () => {
    await ensureExisting();
    const body = await sdkError(
      () => client.beta.datasets.register({
        dataset_id: existing,
        purpose: 'eval/question-answer',
        source: { type: 'rows', rows: [{ question: 'different', answer: 'content' }] },
      }),
      409, ConflictError);
    assert.equal(body.title, 'Conflict');
  });
});

describe('source policy: 403', () => {
  test('a file outside the --allow-files folders (SDK)', async () => {
    assert.ok(outsideDir, 'WB_OUTSIDE_DIR is set');
    const file = path.join(outsideDir, 'secret.csv');
    fs.writeFileSync(file, 'a,b\n1,2\n');
    const body = await sdkError(
      () => client.beta.datasets.register({ purpose: 'eval/question-answer',
                                            source: { type: 'uri', uri: file } }),
      403, PermissionDeniedError);
    assert.match(body.detail, /allow-files/);
  });
  test('an http(s) URI without --allow-remote-uris (SDK)', async () => {
    await sdkError(
      () => client.beta.datasets.register({ purpose: 'eval/question-answer',
                                            source: { type: 'uri', uri: 'https://example.invalid/x.csv' } }),
      403, PermissionDeniedError);
  });
});

describe('protocol errors (raw fetch)', () => {
  test('415 for a POST whose Content-Type is not JSON', async () => {
    assertErrorExchange(await raw('POST', '/v1beta/datasets', {
      body: JSON.stringify({ purpose: 'eval/question-answer', source: { type: 'rows', rows: [] } }),
      headers: { 'Content-Type': 'text/plain' },
    }), 415);
  });
  test('405 with Allow for a wrong method on a known path', async () => {
    const exchange = await raw('PUT', '/v1beta/datasets');
    assertErrorExchange(exchange, 405);
    const allow = (exchange.headers.get('allow') ?? '').split(/,\s*/).sort();
    assert.deepEqual(allow, ['GET', 'POST']);
    const health = await raw('POST', '/v1/health', { body: {} });
    assertErrorExchange(health, 405);
    assert.equal(health.headers.get('allow'), 'GET');
  });
  test('404 with the Error body for an unknown route', async () => {
    assertErrorExchange(await raw('GET', '/v1beta/no-such-route'), 404);
    assertErrorExchange(await raw('GET', '/v1/not-here'), 404);
  });
  test('413 for a body over --max-body-mb (16 MiB by default)', async () => {
    const big = JSON.stringify({ rows: [{ blob: 'x'.repeat(17 << 20) }] });
    assertErrorExchange(await raw('POST', `/v1beta/datasetio/append-rows/${missing}`,
      { body: big, headers: { 'Content-Type': 'application/json' } }), 413);
  });
});
