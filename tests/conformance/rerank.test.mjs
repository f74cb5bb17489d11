// Rerank through client.alpha.inference.rerank (POST /v1alpha/inference/rerank) with the built-in
// `bm25` model: upstream's cases (tests/integration/inference/test_rerank.py: text and mixed
// items, max_num_results, the semantic cases, images rejected), every answer validated against
// the experimental spec's RerankResponse and checked for upstream's ordering invariants.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { BadRequestError, NotFoundError } from 'llama-stack-client';

import { assertJsonExchange, assertSchema, client, sdk, sdkError } from './lib/harness.mjs';

const model = 'bm25';

const DUMMY_STRING = 'string_1';
const DUMMY_STRING2 = 'string_2';
const DUMMY_TEXT = { type: 'text', text: DUMMY_STRING };
const DUMMY_TEXT2 = { type: 'text', text: DUMMY_STRING2 };
const DUMMY_IMAGE = { type: 'image_url', image_url: { url: 'https://example.com/image.jpg' } };

//! The request is valid for the spec, the answer is a RerankResponse whose data the SDK returns,
//! with upstream's invariants: indices in range and unique, scores descending.
async function rerank(params) {
  assertSchema('RerankRequest', params, 'request');
  const [data, exchange] = await sdk(() => client.alpha.inference.rerank(params));
  const body = assertJsonExchange(exchange, 'RerankResponse');
  assert.deepEqual(data, body.data, 'client.alpha.inference.rerank() unwraps data');
  const seen = new Set();
  let last = Infinity;
  for (const d of body.data) {
    assert.ok(Number.isInteger(d.index) && d.index >= 0 && d.index < params.items.length,
      `index ${d.index} in range for ${params.items.length} items`);
    assert.ok(!seen.has(d.index), `index ${d.index} once`);
    seen.add(d.index);
    assert.equal(typeof d.relevance_score, 'number');
    assert.ok(d.relevance_score >= 0 && d.relevance_score <= 1, `bm25 scores are in [0, 1]: ${d.relevance_score}`);
    assert.ok(d.relevance_score <= last, `descending scores: ${exchange.text}`);
    last = d.relevance_score;
  }
  return body.data;
}

describe('rerank', () => {
  test('bm25 is listed as a rerank model', async () => {
    const models = await client.models.list();
    const bm25 = models.find((m) => m.id === model);
    assert.ok(bm25, 'bm25 is listed');
    assert.equal(bm25.custom_metadata.model_type, 'rerank');
  });

  const textCases = {
    'string query, string items': [DUMMY_STRING, [DUMMY_STRING, DUMMY_STRING2]],
    'text query, text items': [DUMMY_TEXT, [DUMMY_TEXT, DUMMY_TEXT2]],
    'string query, mixed items': [DUMMY_STRING, [DUMMY_STRING2, DUMMY_TEXT]],
    'text query, mixed items': [DUMMY_TEXT, [DUMMY_STRING, DUMMY_TEXT2]],
  };
  for (const [name, [query, items]] of Object.entries(textCases)) {
    test(`text: ${name}`, async () => {
      const data = await rerank({ model, query, items });
      assert.equal(data.length, items.length, 'without max_num_results every item is ranked');
    });
  }

  test('max_num_results cuts the ranking', async () => {
    const items = [DUMMY_STRING, DUMMY_STRING2, DUMMY_TEXT, DUMMY_TEXT2];
    const data = await rerank({ model, query: DUMMY_STRING, items, max_num_results: 2 });
    assert.equal(data.length, 2);
    const all = await rerank({ model, query: DUMMY_STRING, items });
    assert.deepEqual(data, all.slice(0, 2), 'the cut is the top of the full ranking');
  });

  test('max_num_results larger than the items: all of them', async () => {
    const items = [DUMMY_STRING, DUMMY_STRING2];
    const data = await rerank({ model, query: DUMMY_STRING, items, max_num_results: 10 });
    assert.equal(data.length, items.length);
  });

  test('max_num_results 0: 400', async () => {
    const body = await sdkError(() => client.alpha.inference.rerank({
      model, query: DUMMY_STRING, items: [DUMMY_STRING], max_num_results: 0,
    }), 400, BadRequestError);
    assert.ok(body.detail.includes('max_num_results'), body.detail);
  });

  const semanticCases = [
    ['What is a reranking model? ',
      ['A reranking model reranks a list of items based on the query. ',
        'Machine learning algorithms learn patterns from data. ',
        'Python is a programming language. '],
      'A reranking model reranks a list of items based on the query. '],
    ['What is C++?',
      ['Learning new things is interesting. ',
        'C++ is a programming language. ',
        'Books provide knowledge and entertainment. '],
      'C++ is a programming language. '],
    ['What are good learning habits? ',
      ['Cooking pasta is a fun activity. ',
        'Plants need water and sunlight. ',
        'Good learning habits include reading daily and taking notes. '],
      'Good learning habits include reading daily and taking notes. '],
  ];
  for (const [query, items, expected] of semanticCases) {
    test(`semantic: "${query.trim()}" ranks "${expected.trim()}" first`, async () => {
      const data = await rerank({ model, query, items });
      assert.ok(data.length > 0, 'a ranking');
      assert.equal(items[data[0].index], expected);
    });
  }

  const imageCases = {
    'image query': [DUMMY_IMAGE, [DUMMY_STRING]],
    'image item': [DUMMY_TEXT, [DUMMY_IMAGE]],
    'images among the items': [DUMMY_TEXT, [DUMMY_STRING, DUMMY_IMAGE, DUMMY_TEXT]],
  };
  for (const [name, [query, items]] of Object.entries(imageCases)) {
    test(`${name}: 400, images are not supported`, async () => {
      const body = await sdkError(() => client.alpha.inference.rerank({ model, query, items }), 400,
        BadRequestError);
      assert.ok(body.detail.includes('images are not supported'), body.detail);
    });
  }

  test('unknown model: 404', async () => {
    const body = await sdkError(() => client.alpha.inference.rerank({
      model: 'no-such-reranker', query: DUMMY_STRING, items: [DUMMY_STRING],
    }), 404, NotFoundError);
    assert.ok(body.detail.includes('no-such-reranker'), body.detail);
  });
});
