// The Datasets and DatasetIO endpoints through client.beta.datasets.*, every answer validated against
// the experimental spec's schemas: register (rows, data: URI CSV, file path and file:// URI under
// --allow-files), list, retrieve, iterrows (paging variants), append-rows, unregister, and the
// workbench extension GET /v1beta/x-workbench/dataset-stats/{id} (raw fetch: not in the SDK).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import {
  TEST_DATASET_CSV,
  TEST_DATASET_ROWS,
  allowDir,
  assertJsonExchange,
  client,
  dataUrl,
  raw,
  sdk,
  uniqueId,
} from './lib/harness.mjs';

const ITERROWS_URL_TEMPLATE = '/v1beta/datasetio/iterrows/{dataset_id}';

//! Datasets this file registered and has not unregistered yet: removed at the end.
const registered = new Set();
after(async () => {
  for (const id of registered) {
    try {
      await client.beta.datasets.unregister(id);
    } catch {
      // already gone
    }
  }
});

async function register(params) {
  const [dataset, exchange] = await sdk(() => client.beta.datasets.register(params));
  const body = assertJsonExchange(exchange, 'Dataset');
  assert.deepEqual(dataset, body, 'the SDK returns the Dataset as sent');
  registered.add(body.identifier);
  return body;
}

async function iterrows(id, query) {
  const [page, exchange] = await sdk(() => client.beta.datasets.iterrows(id, query));
  const body = assertJsonExchange(exchange, 'PaginatedResponse');
  assert.deepEqual(page, body);
  return body;
}

async function listIds() {
  const [list, exchange] = await sdk(() => client.beta.datasets.list());
  const body = assertJsonExchange(exchange, 'ListDatasetsResponse');
  assert.deepEqual(list, body.data, 'client.beta.datasets.list() unwraps data');
  return body.data.map((d) => d.identifier);
}

async function unregister(id) {
  const [result, exchange] = await sdk(() => client.beta.datasets.unregister(id));
  assert.equal(exchange.status, 200, `unregister answers 200 (spec); body: ${exchange.text}`);
  assert.equal(exchange.text, '', 'unregister answers with an empty body');
  // Typed `void`; for a body-less answer without a Content-Type the SDK hands back the text, ''.
  assert.ok(result === undefined || result === '', `unregister result: ${JSON.stringify(result)}`);
  registered.delete(id);
}

async function stats(id) {
  const exchange = await raw('GET', `/v1beta/x-workbench/dataset-stats/${encodeURIComponent(id)}`);
  return assertJsonExchange(exchange, 'x-workbench/DatasetStats');
}

// Upstream's tests/integration/datasets/test_datasets.py::test_register_and_iterrows, for the two
// localfs cases (the Hugging Face one needs the network).
describe('upstream test_register_and_iterrows', () => {
  const cases = [
    {
      name: 'inline rows',
      purpose: 'eval/messages-answer',
      source: {
        type: 'rows',
        rows: [
          { messages: [{ role: 'user', content: 'Hello, world!' }], answer: 'Hello, world!' },
          { messages: [{ role: 'user', content: 'What is the capital of France?' }], answer: 'Paris' },
        ],
      },
      limit: 2,
    },
    {
      name: 'CSV data: URL',
      purpose: 'eval/question-answer',
      source: { type: 'uri', uri: dataUrl(TEST_DATASET_CSV) },
      limit: 5,
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const dataset = await register({ purpose: c.purpose, source: c.source });
      assert.ok(dataset.identifier, 'a generated identifier');
      assert.equal(dataset.provider_id, 'localfs');
      assert.equal(dataset.type, 'dataset');
      assert.equal(dataset.purpose, c.purpose);
      assert.deepEqual(dataset.source, c.source);
      assert.deepEqual(dataset.metadata, {});

      const page = await iterrows(dataset.identifier, { limit: c.limit });
      assert.equal(page.data.length, c.limit);

      assert.ok((await listIds()).includes(dataset.identifier), 'listed after register');
      await unregister(dataset.identifier);
      assert.ok(!(await listIds()).includes(dataset.identifier), 'not listed after unregister');
    });
  }
});

describe('register', () => {
  test('rows source with dataset_id and metadata; retrieve returns the same Dataset', async () => {
    const id = uniqueId('conf-rows');
    const rows = [{ question: 'q1', answer: 'a1', n: 1, ok: true, none: null, tags: ['x'] },
                  { question: 'q2', answer: 'a2', n: 2.5, ok: false, none: null, tags: [] }];
    const dataset = await register({
      dataset_id: id,
      purpose: 'eval/question-answer',
      source: { type: 'rows', rows },
      metadata: { description: 'conformance', nested: { k: [1, 2] } },
    });
    assert.equal(dataset.identifier, id);
    assert.equal(dataset.provider_id, 'localfs');
    assert.deepEqual(dataset.metadata, { description: 'conformance', nested: { k: [1, 2] } });

    const [retrieved, exchange] = await sdk(() => client.beta.datasets.retrieve(id));
    assert.deepEqual(assertJsonExchange(exchange, 'Dataset'), dataset);
    assert.deepEqual(retrieved, dataset);

    const page = await iterrows(id, {});
    assert.deepEqual(page.data, rows, 'rows come back with their JSON types');
    assert.equal(page.has_more, false);
  });

  test('data: URI CSV (upstream test_dataset.csv): cells stay strings', async () => {
    const id = uniqueId('conf-csv');
    const dataset = await register({
      dataset_id: id,
      purpose: 'eval/question-answer',
      source: { type: 'uri', uri: dataUrl(TEST_DATASET_CSV) },
    });
    assert.equal(dataset.source.type, 'uri');
    const page = await iterrows(id, { limit: 5 });
    assert.deepEqual(page.data, TEST_DATASET_ROWS);
    assert.equal(page.has_more, false);
    assert.deepEqual(JSON.parse(page.data[0].chat_completion_input),
      [{ role: 'user', content: 'What is the capital of France?' }]);
  });

  test('re-registering the same id with the same content is accepted', async () => {
    const id = uniqueId('conf-same');
    const params = { dataset_id: id, purpose: 'eval/question-answer',
                     source: { type: 'rows', rows: [{ question: 'q', answer: 'a' }] } };
    const first = await register(params);
    const second = await register(params);
    assert.deepEqual(second, first);
  });

  test('an id containing "/" works through the SDK (sent unencoded) and percent-encoded', async () => {
    const id = `org-${process.pid}/conf-slash-${Date.now().toString(36)}`;
    await register({ dataset_id: id, purpose: 'eval/question-answer',
                     source: { type: 'rows', rows: [{ question: 'q', answer: 'a' }] } });
    const [retrieved, exchange] = await sdk(() => client.beta.datasets.retrieve(id));
    assertJsonExchange(exchange, 'Dataset');
    assert.equal(retrieved.identifier, id);
    const encoded = await raw('GET', `/v1beta/datasets/${encodeURIComponent(id)}`);
    assert.equal(assertJsonExchange(encoded, 'Dataset').identifier, id);
    const page = await iterrows(id, { limit: 1 });
    assert.deepEqual(page.data, [{ question: 'q', answer: 'a' }]);
    assert.equal(page.url, ITERROWS_URL_TEMPLATE);
    await unregister(id);
  });
});

describe('register files under --allow-files', () => {
  const csvName = `conf-file-${process.pid}.csv`;

  test('a plain path and a file:// URI to a CSV in the allowed folder', async () => {
    assert.ok(allowDir, 'WB_ALLOW_DIR is set');
    const file = path.join(allowDir, csvName);
    fs.writeFileSync(file, TEST_DATASET_CSV);

    const byPath = await register({ dataset_id: uniqueId('conf-path'), purpose: 'eval/question-answer',
                                    source: { type: 'uri', uri: file } });
    assert.equal(byPath.source.uri, file);
    const page = await iterrows(byPath.identifier, { start_index: 1, limit: 2 });
    assert.deepEqual(page.data, TEST_DATASET_ROWS.slice(1, 3));
    assert.equal(page.has_more, true);

    const uri = pathToFileURL(file).href;
    const byUri = await register({ dataset_id: uniqueId('conf-fileuri'), purpose: 'eval/question-answer',
                                   source: { type: 'uri', uri } });
    assert.equal(byUri.source.uri, uri);
    const all = await iterrows(byUri.identifier, {});
    assert.deepEqual(all.data, TEST_DATASET_ROWS);
    assert.equal(all.has_more, false);

    const s = await stats(byPath.identifier);
    assert.deepEqual(s, {
      dataset_id: byPath.identifier,
      row_count: 5,
      appended_row_count: 0,
      columns: ['input_query', 'generated_answer', 'expected_answer', 'chat_completion_input'],
      format: 'csv',
    });
  });

  test('a JSONL file in the allowed folder', async () => {
    const file = path.join(allowDir, `conf-file-${process.pid}.jsonl`);
    fs.writeFileSync(file, '{"question": "q1", "answer": "a1"}\n{"question": "q2", "answer": "a2"}\n');
    const dataset = await register({ dataset_id: uniqueId('conf-jsonl'), purpose: 'eval/question-answer',
                                     source: { type: 'uri', uri: file } });
    const page = await iterrows(dataset.identifier, {});
    assert.deepEqual(page.data, [{ question: 'q1', answer: 'a1' }, { question: 'q2', answer: 'a2' }]);
    assert.equal((await stats(dataset.identifier)).format, 'jsonl');
  });
});

describe('iterrows paging (upstream paginate_records)', () => {
  const id = uniqueId('conf-page');
  const rows = Array.from({ length: 10 }, (_, i) => ({ i, text: `row ${i}` }));
  let ready;
  const setup = () => (ready ??= register({ dataset_id: id, purpose: 'eval/question-answer',
                                              source: { type: 'rows', rows } }));

  const cases = [
    { name: 'no parameters: every row', query: {}, data: rows, hasMore: false },
    { name: 'limit only', query: { limit: 3 }, data: rows.slice(0, 3), hasMore: true },
    { name: 'start_index and limit', query: { start_index: 4, limit: 3 }, data: rows.slice(4, 7), hasMore: true },
    { name: 'a page ending at the last row', query: { start_index: 7, limit: 3 }, data: rows.slice(7), hasMore: false },
    { name: 'a page past the end is cut', query: { start_index: 8, limit: 50 }, data: rows.slice(8), hasMore: false },
    { name: 'start_index at the end', query: { start_index: 10, limit: 5 }, data: [], hasMore: false },
    { name: 'start_index past the end', query: { start_index: 1000, limit: 5 }, data: [], hasMore: false },
    { name: 'limit=-1 returns every row and ignores start_index', query: { start_index: 5, limit: -1 }, data: rows, hasMore: false },
    { name: 'start_index without limit returns every row', query: { start_index: 5 }, data: rows, hasMore: false },
    { name: 'limit=0', query: { start_index: 2, limit: 0 }, data: [], hasMore: true },
    { name: 'start_index=0', query: { start_index: 0, limit: 10 }, data: rows, hasMore: false },
  ];
  for (const c of cases) {
    test(`${c.name} ${JSON.stringify(c.query)}`, async () => {
      await setup();
      const page = await iterrows(id, c.query);
      assert.deepEqual(page.data, c.data);
      assert.equal(page.has_more, c.hasMore);
      assert.equal(page.url, ITERROWS_URL_TEMPLATE, 'url is the route template, as upstream');
    });
  }
});

describe('append-rows', () => {
  test('appended rows come after the source rows in iterrows, and in the stats', async () => {
    const id = uniqueId('conf-append');
    await register({ dataset_id: id, purpose: 'eval/question-answer',
                     source: { type: 'uri', uri: dataUrl(TEST_DATASET_CSV) } });
    const added = [
      { input_query: 'What is 2+2?', generated_answer: '4', expected_answer: '4',
        chat_completion_input: '[]' },
      { input_query: 'Extra column?', expected_answer: 'yes', note: 'new column' },
    ];
    const [result, exchange] = await sdk(() => client.beta.datasets.appendrows(id, { rows: added }));
    assert.equal(exchange.status, 200, `append-rows answers 200; body: ${exchange.text}`);
    assert.equal(exchange.text, '', 'append-rows answers with an empty body');
    assert.ok(result === undefined || result === '', `appendrows result: ${JSON.stringify(result)}`);

    const all = await iterrows(id, {});
    assert.equal(all.data.length, 7);
    assert.deepEqual(all.data.slice(0, 5), TEST_DATASET_ROWS);
    assert.deepEqual(all.data.slice(5), added);
    assert.equal(all.has_more, false);

    const tail = await iterrows(id, { start_index: 4, limit: 2 });
    assert.deepEqual(tail.data, [TEST_DATASET_ROWS[4], added[0]]);
    assert.equal(tail.has_more, true);

    const s = await stats(id);
    assert.equal(s.dataset_id, id);
    assert.equal(s.row_count, 7);
    assert.equal(s.appended_row_count, 2);
    assert.deepEqual(s.columns,
      ['input_query', 'generated_answer', 'expected_answer', 'chat_completion_input', 'note']);
    assert.equal(s.format, 'csv');
  });

  test('appending to a rows dataset; an empty append is accepted', async () => {
    const id = uniqueId('conf-append-rows');
    await register({ dataset_id: id, purpose: 'eval/question-answer',
                     source: { type: 'rows', rows: [{ question: 'q0', answer: 'a0' }] } });
    await sdk(() => client.beta.datasets.appendrows(id, { rows: [{ question: 'q1', answer: 'a1' }] }));
    const [, empty] = await sdk(() => client.beta.datasets.appendrows(id, { rows: [] }));
    assert.equal(empty.status, 200);
    const page = await iterrows(id, {});
    assert.deepEqual(page.data, [{ question: 'q0', answer: 'a0' }, { question: 'q1', answer: 'a1' }]);
    const s = await stats(id);
    assert.equal(s.row_count, 2);
    assert.equal(s.appended_row_count, 1);
    assert.equal(s.format, 'rows');
  });
});

describe('list', () => {
  test('every listed Dataset matches the spec (bundled samples included)', async () => {
    const ids = await listIds(); // validates the whole ListDatasetsResponse
    assert.ok(ids.length > 0, 'the bundled samples are registered on first start');
    assert.equal(new Set(ids).size, ids.length, 'no duplicate identifiers');
  });

  test('unregister removes the dataset from list and retrieve', async () => {
    const id = uniqueId('conf-unreg');
    await register({ dataset_id: id, purpose: 'eval/question-answer',
                     source: { type: 'rows', rows: [{ question: 'q', answer: 'a' }] } });
    assert.ok((await listIds()).includes(id));
    await unregister(id);
    assert.ok(!(await listIds()).includes(id));
    const gone = await raw('GET', `/v1beta/datasets/${id}`);
    assert.equal(gone.status, 404);
  });
});
