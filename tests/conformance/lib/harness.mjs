// Shared by the conformance tests: the SDK client pointed at the server under test, a record of
// every HTTP exchange the client makes, and validators built from the Llama Stack OpenAPI specs.
//
// Environment (set by run.sh):
//   WB_BASE_URL      the running `llama-workbench serve`, e.g. http://127.0.0.1:8321 (required)
//   WB_ALLOW_DIR     the folder passed as --allow-files (required by the file-source tests)
//   WB_OUTSIDE_DIR   a folder that is NOT allowed (for the 403 test)
//   WB_TEST_MODEL    id of the tiny model the server finds in its Hugging Face cache
//   WB_SPEC_DIR      folder holding experimental-llama-stack-spec.yaml and llama-stack-spec.yaml
//                    (default: ../../../shared/spec relative to the repository, i.e. /work/shared/spec)

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import Ajv2020 from 'ajv/dist/2020.js';
import yaml from 'js-yaml';
import LlamaStackClient from 'llama-stack-client';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..', '..');

export const baseURL = process.env.WB_BASE_URL;
if (!baseURL)
  throw new Error('WB_BASE_URL is not set: run the suite through tests/conformance/run.sh');
export const allowDir = process.env.WB_ALLOW_DIR;
export const outsideDir = process.env.WB_OUTSIDE_DIR;
//! The tiny random model run.sh puts in the server's Hugging Face cache (models and inference tests).
export const testModel = process.env.WB_TEST_MODEL ?? 'wb-test/tiny-llama';

// --- spec schemas -----------------------------------------------------------------------------

function findSpecDir() {
  const candidates = [
    process.env.WB_SPEC_DIR,
    path.resolve(repoRoot, '..', 'shared', 'spec'),
    path.resolve(repoRoot, 'shared', 'spec'),
    '/work/shared/spec',
  ].filter(Boolean);
  for (const dir of candidates)
    if (fs.existsSync(path.join(dir, 'experimental-llama-stack-spec.yaml'))
        && fs.existsSync(path.join(dir, 'llama-stack-spec.yaml')))
      return dir;
  throw new Error(`Llama Stack spec YAMLs not found in: ${candidates.join(', ')} (set WB_SPEC_DIR)`);
}

const specDir = findSpecDir();
const specs = ['llama-stack-spec.yaml', 'experimental-llama-stack-spec.yaml'].map((name) =>
  yaml.load(fs.readFileSync(path.join(specDir, name), 'utf8')));

// Both specs' component schemas in one document, so `#/components/schemas/X` refs resolve inside
// it. A name defined in both must be defined identically.
const schemas = {};
for (const spec of specs) {
  for (const [name, schema] of Object.entries(spec.components.schemas)) {
    if (name in schemas)
      assert.deepEqual(schema, schemas[name], `schema ${name} differs between the two specs`);
    schemas[name] = schema;
  }
}
const SPEC_ID = 'https://llama-stack.local/spec.json';

// strict: false because the spec uses OpenAPI-only keywords (`discriminator`, `example`) that are
// not JSON Schema; `oneOf` still decides which source variant a value is.
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ $id: SPEC_ID, components: { schemas } });

// The workbench's extension (docs/server.md "Extension: dataset stats"); not in the spec.
ajv.addSchema({
  $id: 'https://llama-stack.local/x-workbench/DatasetStats.json',
  type: 'object',
  properties: {
    dataset_id: { type: 'string' },
    row_count: { type: 'integer', minimum: 0 },
    appended_row_count: { type: 'integer', minimum: 0 },
    columns: { type: 'array', items: { type: 'string' } },
    format: { type: 'string' },
  },
  required: ['dataset_id', 'row_count', 'appended_row_count', 'columns', 'format'],
  additionalProperties: false,
});

const validators = new Map();
function validatorFor(name) {
  if (!validators.has(name)) {
    const ref = name === 'x-workbench/DatasetStats'
      ? 'https://llama-stack.local/x-workbench/DatasetStats.json'
      : `${SPEC_ID}#/components/schemas/${name}`;
    if (!name.startsWith('x-workbench/'))
      assert.ok(name in schemas, `no schema ${name} in the spec`);
    validators.set(name, ajv.compile({ $ref: ref }));
  }
  return validators.get(name);
}

//! Asserts that `value` matches the spec schema `name` (additionalProperties: false included).
export function assertSchema(name, value, where = '') {
  const validate = validatorFor(name);
  if (!validate(value)) {
    const errors = validate.errors
      .map((e) => `${e.instancePath || '(root)'} ${e.message} ${JSON.stringify(e.params)}`)
      .join('\n  ');
    assert.fail(`${where ? where + ': ' : ''}body does not match ${name}:\n  ${errors}\n`
      + `body: ${JSON.stringify(value).slice(0, 2000)}`);
  }
}

// --- recorded exchanges -----------------------------------------------------------------------

//! Every response the SDK received, in order: {method, url, status, headers, text}.
export const exchanges = [];

async function recordingFetch(url, init = {}) {
  const res = await fetch(url, init);
  const text = await res.clone().text();
  exchanges.push({ method: init.method ?? 'GET', url: String(url), status: res.status,
                   headers: res.headers, text });
  return res;
}

//! The client the tests use: no retries (a retried 5xx would hide the first answer), our fetch.
export const client = new LlamaStackClient({
  baseURL,
  maxRetries: 0,
  timeout: 30_000,
  fetch: recordingFetch,
});

//! Runs an SDK call and returns [sdkResult, exchange]: the exchange is the raw HTTP answer it got.
export async function sdk(call) {
  const before = exchanges.length;
  const result = await call();
  assert.equal(exchanges.length, before + 1, 'the SDK call made exactly one HTTP request');
  return [result, exchanges[exchanges.length - 1]];
}

//! Runs an SDK call that must fail with `status`; checks the SDK's error class and validates the
//! raw error body against the spec's Error. Returns the parsed error body.
export async function sdkError(call, status, ErrorClass) {
  const before = exchanges.length;
  let error;
  try {
    await call();
  } catch (e) {
    error = e;
  }
  assert.ok(error, `expected the SDK call to fail with ${status}`);
  assert.ok(error instanceof LlamaStackClient.APIError, `expected an APIError, got ${error}`);
  assert.equal(error.status, status, `status (error: ${error.message})`);
  if (ErrorClass)
    assert.ok(error instanceof ErrorClass, `expected ${ErrorClass.name}, got ${error.constructor.name}`);
  assert.equal(exchanges.length, before + 1, 'the failed SDK call made exactly one HTTP request');
  const exchange = exchanges[exchanges.length - 1];
  return assertErrorExchange(exchange, status);
}

//! Checks a raw error answer: JSON content type, spec Error body, body.status == HTTP status.
export function assertErrorExchange(exchange, status) {
  assert.equal(exchange.status, status, `HTTP status; body: ${exchange.text}`);
  assert.match(exchange.headers.get('content-type') ?? '', /^application\/json/,
    'an error answer is JSON');
  const body = JSON.parse(exchange.text);
  assertSchema('Error', body, `${exchange.method} ${exchange.url} -> ${status}`);
  assert.equal(body.status, status, 'Error.status equals the HTTP status');
  assert.ok(body.title.length > 0, 'Error.title is not empty');
  assert.ok(body.detail.length > 0, 'Error.detail is not empty');
  return body;
}

//! Parses a recorded 200 JSON answer and validates it against `schemaName`.
export function assertJsonExchange(exchange, schemaName, status = 200) {
  assert.equal(exchange.status, status, `HTTP status; body: ${exchange.text.slice(0, 500)}`);
  assert.match(exchange.headers.get('content-type') ?? '', /^application\/json/, 'JSON content type');
  const body = JSON.parse(exchange.text);
  assertSchema(schemaName, body, `${exchange.method} ${exchange.url}`);
  return body;
}

//! Raw HTTP for what the SDK cannot express. Returns an exchange like the recorded ones.
export async function raw(method, pathAndQuery, { body, headers } = {}) {
  const init = { method, headers: { ...(headers ?? {}) } };
  if (body !== undefined) {
    init.body = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
    if (!Object.keys(init.headers).some((h) => h.toLowerCase() === 'content-type')
        && typeof body !== 'string')
      init.headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(baseURL + pathAndQuery, init);
  return { method, url: baseURL + pathAndQuery, status: res.status, headers: res.headers,
           text: await res.text() };
}

//! A dataset id unique to this process and call, so test files can run in parallel.
let counter = 0;
export function uniqueId(prefix) {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

export { LlamaStackClient };

// --- test data ----------------------------------------------------------------------------------

//! Upstream's tests/integration/datasets/test_dataset.csv (5 rows).
export const TEST_DATASET_CSV = [
  'input_query,generated_answer,expected_answer,chat_completion_input',
  'What is the capital of France?,London,Paris,"[{""role"": ""user"", ""content"": ""What is the capital of France?""}]"',
  'Who is the CEO of Meta?,Mark Zuckerberg,Mark Zuckerberg,"[{""role"": ""user"", ""content"": ""Who is the CEO of Meta?""}]"',
  'What is the largest planet in our solar system?,Jupiter,Jupiter,"[{""role"": ""user"", ""content"": ""What is the largest planet in our solar system?""}]"',
  'What is the smallest country in the world?,China,Vatican City,"[{""role"": ""user"", ""content"": ""What is the smallest country in the world?""}]"',
  'What is the currency of Japan?,Yen,Yen,"[{""role"": ""user"", ""content"": ""What is the currency of Japan?""}]"',
  '',
].join('\n');

export const TEST_DATASET_ROWS = [
  ['What is the capital of France?', 'London', 'Paris'],
  ['Who is the CEO of Meta?', 'Mark Zuckerberg', 'Mark Zuckerberg'],
  ['What is the largest planet in our solar system?', 'Jupiter', 'Jupiter'],
  ['What is the smallest country in the world?', 'China', 'Vatican City'],
  ['What is the currency of Japan?', 'Yen', 'Yen'],
].map(([input_query, generated_answer, expected_answer]) => ({
  input_query,
  generated_answer,
  expected_answer,
  chat_completion_input: `[{"role": "user", "content": "${input_query}"}]`,
}));

//! As upstream's data_url_from_file: data:<mimetypes.guess_type>;base64,<content>.
export function dataUrl(text, mime = 'text/csv') {
  return `data:${mime};base64,${Buffer.from(text, 'utf8').toString('base64')}`;
}
