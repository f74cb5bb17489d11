// GET /v1/health and GET /v1/version through client.inspect.*, validated against HealthInfo and
// VersionInfo (llama-stack-spec.yaml).

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { assertJsonExchange, client, sdk } from './lib/harness.mjs';

test('GET /v1/health: client.inspect.health() is HealthInfo {status: "OK"}', async () => {
  const [health, exchange] = await sdk(() => client.inspect.health());
  const body = assertJsonExchange(exchange, 'HealthInfo');
  assert.deepEqual(body, { status: 'OK' });
  assert.deepEqual(health, body, 'the SDK returns the body as is');
});

test('GET /v1/version: client.inspect.version() is VersionInfo', async () => {
  const [version, exchange] = await sdk(() => client.inspect.version());
  const body = assertJsonExchange(exchange, 'VersionInfo');
  assert.ok(body.version.length > 0, 'version is not empty');
  assert.deepEqual(version, body);
});
