// The ScoringFunctions and Scoring endpoints through client.scoringFunctions.* and client.scoring.*,
// every answer validated against the stable spec's schemas. Peer: upstream's
// tests/integration/scoring/test_scoring.py (list, register, unregister with a raw DELETE answering
// 200 or 204, score on test_dataset.csv, score with aggregation functions, an LLM-as-judge with
// params), plus the equality figures of the semantics (accuracy 0.6, 3 of 5) and score-batch.

import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';

import { BadRequestError, NotFoundError } from 'llama-stack-client';

import {
  TEST_DATASET_CSV,
  TEST_DATASET_ROWS,
  assertErrorExchange,
  assertJsonExchange,
  client,
  dataUrl,
  raw,
  sdk,
  sdkError,
  testModel,
  uniqueId,
} from './lib/harness.mjs';

const BUILT_INS = [
  'basic::equality',
  'basic::subset_of',
  'basic::regex_parser_multiple_choice_answer',
  'basic::regex_parser_math_response',
  'basic::ifeval',
  'basic::docvqa',
  'llm-as-judge::base',
  'llm-as-judge::405b-simpleqa',
];

//! upstream's test_scoring_functions_register body, with a judge that exists here.
function judgeRegistration(id) {
  return {
    scoring_fn_id: id,
    description: 'LLM as judge with a test prompt',
    return_type: { type: 'string' },
    provider_id: 'llm-as-judge',
    provider_scoring_fn_id: 'llm-as-judge-base',
    params: {
      type: 'llm_as_judge',
      judge_model: testModel,
      prompt_template: 'Output a number response in the following format: Score: <number>',
    },
  };
}

const cleanup = { functions: new Set(), datasets: new Set() };
after(async () => {
  for (const id of cleanup.functions)
    await raw('DELETE', `/v1/scoring-functions/${id}`);
  for (const id of cleanup.datasets)
    await raw('DELETE', `/v1beta/datasets/${id}`);
});

async function listIds() {
  const [list, exchange] = await sdk(() => client.scoringFunctions.list());
  const body = assertJsonExchange(exchange, 'ListScoringFunctionsResponse');
  assert.deepEqual(list, body.data, 'client.scoringFunctions.list() unwraps data');
  for (const fn of body.data)
    assert.equal(fn.type, 'scoring_function');
  return body.data.map((f) => f.identifier);
}

async function score(params) {
  const [result, exchange] = await sdk(() => client.scoring.score(params));
  const body = assertJsonExchange(exchange, 'ScoreResponse');
  assert.deepEqual(result, body);
  return body;
}

describe('scoring functions', () => {
  test('list: non-empty ListScoringFunctionsResponse with every built-in', async () => {
    const ids = await listIds();
    for (const id of BUILT_INS)
      assert.ok(ids.includes(id), `${id} is listed: ${ids.join(', ')}`);
  });

  test('retrieve: ScoringFn with its default params', async () => {
    const [fn, exchange] = await sdk(() => client.scoringFunctions.retrieve('basic::equality'));
    const body = assertJsonExchange(exchange, 'ScoringFn');
    assert.deepEqual(fn, body);
    assert.equal(body.identifier, 'basic::equality');
    assert.equal(body.params.type, 'basic');
    assert.deepEqual(body.params.aggregation_functions, ['accuracy']);
  });

  test('retrieve an unknown id: 404 naming it', async () => {
    const error = await sdkError(() => client.scoringFunctions.retrieve('basic::no-such-fn'), 404,
      NotFoundError);
    assert.ok(error.detail.includes('basic::no-such-fn'), error.detail);
  });

  test('register (upstream test_scoring_functions_register): 200 null, then listed', async () => {
    const id = uniqueId('llm-as-judge-test-prompt');
    const [, exchange] = await sdk(() => client.scoringFunctions.register(judgeRegistration(id)));
    cleanup.functions.add(id);
    assert.equal(exchange.status, 200);
    assert.equal(exchange.text, 'null', 'register answers the JSON body null, as upstream');
    assert.ok((await listIds()).includes(id));
    const [, got] = await sdk(() => client.scoringFunctions.retrieve(id));
    const body = assertJsonExchange(got, 'ScoringFn');
    assert.equal(body.params.type, 'llm_as_judge');
    assert.equal(body.params.judge_model, testModel);

    // Same content again: a no-op; other content under the id: 409.
    await client.scoringFunctions.register(judgeRegistration(id));
    await sdkError(() => client.scoringFunctions.register({ ...judgeRegistration(id), description: 'x' }),
      409);
  });

  test('unregister (upstream test_scoring_functions_unregister): raw DELETE 200 or 204', async () => {
    const id = uniqueId('llm-as-judge-test-prompt');
    await client.scoringFunctions.register(judgeRegistration(id));
    cleanup.functions.add(id);
    const exchange = await raw('DELETE', `/v1/scoring-functions/${id}`);
    assert.ok([200, 204].includes(exchange.status), `status ${exchange.status}: ${exchange.text}`);
    assert.equal(exchange.status, 204, 'here: 204 No Content, as upstream');
    assert.equal(exchange.text, '');
    cleanup.functions.delete(id);
    assert.ok(!(await listIds()).includes(id), 'gone from the list');
    assertErrorExchange(await raw('DELETE', `/v1/scoring-functions/${id}`), 404);
  });

  test('unregister through the SDK; a built-in cannot be removed', async () => {
    const id = uniqueId('sdk-judge');
    await client.scoringFunctions.register(judgeRegistration(id));
    const [result, exchange] = await sdk(() => client.scoringFunctions.unregister(id));
    assert.equal(exchange.status, 204);
    assert.ok(result == null || result === '', JSON.stringify(result)); // 204: nothing
    await sdkError(() => client.scoringFunctions.unregister('basic::equality'), 400, BadRequestError);
  });

  test('register: a bad body is a 400 naming the field; only judges can be user-defined', async () => {
    const noId = await raw('POST', '/v1/scoring-functions',
      { body: { description: 'x', return_type: { type: 'string' } } });
    assert.match(assertErrorExchange(noId, 400).detail, /^scoring_fn_id/);
    const basic = await raw('POST', '/v1/scoring-functions', {
      body: { scoring_fn_id: uniqueId('basic'), description: 'x', return_type: { type: 'number' },
              params: { type: 'basic' } },
    });
    assertErrorExchange(basic, 400);
  });
});

describe('scoring', () => {
  test('score basic::equality on test_dataset.csv: 5 rows, accuracy 0.6 (3 of 5)', async () => {
    const body = await score({
      input_rows: TEST_DATASET_ROWS,
      scoring_functions: { 'basic::equality': null },
    });
    assert.deepEqual(Object.keys(body.results), ['basic::equality']);
    const result = body.results['basic::equality'];
    assert.equal(result.score_rows.length, 5);
    assert.deepEqual(result.score_rows.map((r) => r.score), [0, 1, 1, 0, 1]);
    assert.deepEqual(result.aggregated_results, {
      accuracy: { accuracy: 0.6, num_correct: 3, num_total: 5 },
    });
  });

  test('score with aggregation functions: one aggregated key per function', async () => {
    const aggregations = ['accuracy', 'median', 'categorical_count', 'average'];
    const body = await score({
      input_rows: TEST_DATASET_ROWS,
      scoring_functions: {
        'basic::equality': { type: 'basic', aggregation_functions: aggregations },
        'basic::regex_parser_multiple_choice_answer': {
          type: 'regex_parser', parsing_regexes: ['Score: (\\d+)'], aggregation_functions: aggregations,
        },
      },
    });
    for (const [fn, result] of Object.entries(body.results)) {
      assert.equal(result.score_rows.length, 5, fn);
      assert.equal(Object.keys(result.aggregated_results).length, aggregations.length,
        `${fn}: ${JSON.stringify(result.aggregated_results)}`);
    }
    const eq = body.results['basic::equality'].aggregated_results;
    assert.equal(eq.average.average, 0.6);
    assert.equal(eq.median.median, 1);
    assert.deepEqual(eq.categorical_count.categorical_count, { '0.0': 2, '1.0': 3 });
  });

  test('score with an LLM judge and params (upstream test_scoring_score_with_params_llm_as_judge)',
    async () => {
      const body = await score({
        input_rows: TEST_DATASET_ROWS,
        scoring_functions: {
          'llm-as-judge::base': {
            type: 'llm_as_judge',
            judge_model: testModel,
            prompt_template: 'Output a number response in the following format: Score: <number>, '
              + 'where <number> is the number between 0 and 9. {input_query} {generated_answer}',
            judge_score_regexes: ['Score: (\\d+)'],
            aggregation_functions: ['categorical_count'],
          },
        },
      });
      const result = body.results['llm-as-judge::base'];
      assert.equal(result.score_rows.length, 5);
      for (const row of result.score_rows)
        assert.equal(typeof row.judge_feedback, 'string', JSON.stringify(row));
      assert.deepEqual(Object.keys(result.aggregated_results), ['categorical_count']);
    });

  test('unknown function: 404 naming it; bad body: 400 naming the field', async () => {
    const error = await sdkError(() => client.scoring.score({
      input_rows: TEST_DATASET_ROWS, scoring_functions: { 'basic::no-such-fn': null },
    }), 404, NotFoundError);
    assert.ok(error.detail.includes('basic::no-such-fn'), error.detail);
    const noRows = await raw('POST', '/v1/scoring/score',
      { body: { scoring_functions: { 'basic::equality': null } } });
    assert.match(assertErrorExchange(noRows, 400).detail, /^input_rows/);
  });

  test('score-batch on a registered dataset: ScoreBatchResponse', async () => {
    const id = uniqueId('scoring-batch');
    await client.beta.datasets.register({
      purpose: 'eval/messages-answer', source: { type: 'uri', uri: dataUrl(TEST_DATASET_CSV) }, dataset_id: id,
    });
    cleanup.datasets.add(id);
    const [result, exchange] = await sdk(() => client.scoring.scoreBatch({
      dataset_id: id, scoring_functions: { 'basic::equality': null }, save_results_dataset: false,
    }));
    const body = assertJsonExchange(exchange, 'ScoreBatchResponse');
    assert.deepEqual(result, body);
    assert.equal(body.results['basic::equality'].aggregated_results.accuracy.accuracy, 0.6);
  });
});
