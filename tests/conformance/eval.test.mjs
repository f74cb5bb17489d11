// The Benchmarks and Eval endpoints through client.alpha.benchmarks.* and client.alpha.eval.*,
// every answer validated against the experimental spec's schemas, on the tiny random model run.sh
// provides. Peer: upstream's tests/integration/eval/test_eval.py (test_evaluate_rows with 3 rows,
// test_evaluate_benchmark: run_eval gives job "0" on a fresh server, its status reaches
// completed and its result has 5 generations), plus job cancel and the workbench's job extensions.
//
// The first test runs the first eval job of the server: no other test file creates jobs.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

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

//! upstream's benchmark_config: no strategy, an unknown `temperature` key (accepted and ignored).
//! max_tokens is smaller than upstream's 512 to keep the tiny model quick.
const BENCHMARK_CONFIG = {
  eval_candidate: {
    type: 'model',
    model: testModel,
    sampling_params: { temperature: 0.0, max_tokens: 8 },
  },
};

const datasetId = uniqueId('eval/test-dataset');
const benchmarkId = uniqueId('eval/benchmark');
const created = { benchmarks: new Set([benchmarkId]), datasets: new Set([datasetId]) };

before(async () => {
  // As upstream: the CSV as a data: URL, purpose eval/messages-answer.
  await client.beta.datasets.register({
    purpose: 'eval/messages-answer', source: { type: 'uri', uri: dataUrl(TEST_DATASET_CSV) },
    dataset_id: datasetId,
  });
  await client.alpha.benchmarks.register({
    benchmark_id: benchmarkId, dataset_id: datasetId, scoring_functions: ['basic::subset_of'],
  });
});

after(async () => {
  for (const id of created.benchmarks)
    await raw('DELETE', `/v1alpha/eval/benchmarks/${id}`);
  for (const id of created.datasets)
    await raw('DELETE', `/v1beta/datasets/${id}`);
});

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

//! Polls GET .../jobs/{job_id} (every answer a Job) until the job has ended, for up to 60 s.
async function waitForEnd(benchmark, jobId) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [job, exchange] = await sdk(() => client.alpha.eval.jobs.status(benchmark, jobId));
    assert.deepEqual(job, assertJsonExchange(exchange, 'Job'));
    assert.equal(job.job_id, jobId);
    if (TERMINAL.has(job.status) || Date.now() > deadline)
      return job;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('eval jobs (upstream test_evaluate_benchmark)', () => {
  test('run_eval: job "0" on a fresh server, completed, result with 5 generations', async () => {
    const [job, exchange] = await sdk(() =>
      client.alpha.eval.runEval(benchmarkId, { benchmark_config: BENCHMARK_CONFIG }));
    assert.deepEqual(job, assertJsonExchange(exchange, 'Job'));
    assert.equal(job.job_id, '0', 'the first job of a fresh server');
    assert.ok(['scheduled', 'in_progress', 'completed'].includes(job.status), job.status);

    const ended = await waitForEnd(benchmarkId, job.job_id);
    assert.equal(ended.status, 'completed');

    const [result, resultExchange] = await sdk(() => client.alpha.eval.jobs.retrieve(benchmarkId, job.job_id));
    const body = assertJsonExchange(resultExchange, 'EvaluateResponse');
    assert.deepEqual(result, body);
    assert.equal(body.generations.length, 5);
    for (const g of body.generations)
      assert.equal(typeof g.generated_answer, 'string');
    assert.ok('basic::subset_of' in body.scores, Object.keys(body.scores).join(', '));
    assert.equal(body.scores['basic::subset_of'].score_rows.length, 5);
  });

  test('the job extensions: list, info, rows', async () => {
    const list = await raw('GET', `/v1alpha/eval/jobs?benchmark_id=${encodeURIComponent(benchmarkId)}`);
    assert.equal(list.status, 200, list.text);
    const jobs = JSON.parse(list.text).data;
    assert.equal(jobs.length, 1);
    assert.equal(jobs[0].job_id, '0');
    assert.equal(jobs[0].benchmark_id, benchmarkId);
    assert.equal(jobs[0].status, 'completed');

    const info = await raw('GET', `/v1alpha/eval/benchmarks/${benchmarkId}/jobs/0/info`);
    assert.equal(info.status, 200, info.text);
    const infoBody = JSON.parse(info.text);
    assert.equal(infoBody.rows_total, 5);
    assert.equal(infoBody.rows_done, 5);
    assert.equal(infoBody.dataset_id, datasetId);

    const rows = await raw('GET', `/v1alpha/eval/benchmarks/${benchmarkId}/jobs/0/rows?start_index=3&limit=5`);
    assert.equal(rows.status, 200, rows.text);
    const page = JSON.parse(rows.text);
    assert.equal(page.total, 5);
    assert.equal(page.has_more, false);
    assert.deepEqual(page.data.map((r) => r.index), [3, 4]);
    assert.ok('basic::subset_of' in page.data[0].scores);
  });

  test('cancel: 204, the job ends cancelled and has no result', async () => {
    // 400 rows of 128 tokens: long enough to be cancelled while it runs or waits.
    const rows = Array.from({ length: 400 }, (_, i) => ({
      input_query: `Question ${i}?`, expected_answer: 'yes',
      chat_completion_input: JSON.stringify([{ role: 'user', content: `Question ${i}?` }]),
    }));
    const longDataset = uniqueId('eval/long');
    await client.beta.datasets.register({
      purpose: 'eval/messages-answer', source: { type: 'rows', rows }, dataset_id: longDataset,
    });
    created.datasets.add(longDataset);
    const longBenchmark = uniqueId('eval/long-benchmark');
    await client.alpha.benchmarks.register({
      benchmark_id: longBenchmark, dataset_id: longDataset, scoring_functions: ['basic::subset_of'],
    });
    created.benchmarks.add(longBenchmark);
    const config = structuredClone(BENCHMARK_CONFIG);
    config.eval_candidate.sampling_params.max_tokens = 128;
    const job = await client.alpha.eval.runEval(longBenchmark, { benchmark_config: config });

    const [result, exchange] = await sdk(() => client.alpha.eval.jobs.cancel(longBenchmark, job.job_id));
    assert.equal(exchange.status, 204, exchange.text);
    assert.ok(result == null || result === '', JSON.stringify(result)); // 204: nothing
    const ended = await waitForEnd(longBenchmark, job.job_id);
    assert.equal(ended.status, 'cancelled');
    const error = await sdkError(() => client.alpha.eval.jobs.retrieve(longBenchmark, job.job_id), 400,
      BadRequestError);
    assert.ok(error.detail.includes('cancelled'), error.detail);
  });

  test('unknown job: 404', async () => {
    await sdkError(() => client.alpha.eval.jobs.status(benchmarkId, 'no-such-job'), 404, NotFoundError);
    await sdkError(() => client.alpha.eval.jobs.retrieve(benchmarkId, 'no-such-job'), 404, NotFoundError);
  });
});

describe('evaluate_rows (upstream test_evaluate_rows)', () => {
  test('3 rows: 3 generations and the requested scores', async () => {
    const page = await client.beta.datasets.iterrows(datasetId, { limit: 3 });
    assert.equal(page.data.length, 3);
    const [response, exchange] = await sdk(() => client.alpha.eval.evaluateRows(benchmarkId, {
      input_rows: page.data,
      scoring_functions: ['basic::equality'],
      benchmark_config: BENCHMARK_CONFIG,
    }));
    const body = assertJsonExchange(exchange, 'EvaluateResponse');
    assert.deepEqual(response, body);
    assert.equal(body.generations.length, 3);
    assert.deepEqual(Object.keys(body.scores), ['basic::equality'], 'scored with the request\'s functions');
    assert.equal(body.scores['basic::equality'].score_rows.length, 3);
  });

  test('a bad body: 400 naming the field; an unknown benchmark: 404', async () => {
    const noConfig = await raw('POST', `/v1alpha/eval/benchmarks/${benchmarkId}/evaluations`,
      { body: { input_rows: [], scoring_functions: ['basic::equality'] } });
    assert.match(assertErrorExchange(noConfig, 400).detail, /^benchmark_config/);
    await sdkError(() => client.alpha.eval.evaluateRows(uniqueId('eval/none'), {
      input_rows: TEST_DATASET_ROWS.slice(0, 1), scoring_functions: ['basic::equality'], benchmark_config: BENCHMARK_CONFIG,
    }), 404, NotFoundError);
  });
});

describe('benchmarks', () => {
  test('register: 200 null; list; retrieve; unregister: 204, then 404', async () => {
    const id = uniqueId('eval/bench');
    const [, registered] = await sdk(() => client.alpha.benchmarks.register({
      benchmark_id: id, dataset_id: datasetId, scoring_functions: ['basic::equality'],
      metadata: { note: 'conformance' },
    }));
    created.benchmarks.add(id);
    assert.equal(registered.status, 200);
    assert.equal(registered.text, 'null');

    const [list, listExchange] = await sdk(() => client.alpha.benchmarks.list());
    const listBody = assertJsonExchange(listExchange, 'ListBenchmarksResponse');
    assert.deepEqual(list, listBody.data);
    assert.ok(listBody.data.some((b) => b.identifier === id));

    const [benchmark, exchange] = await sdk(() => client.alpha.benchmarks.retrieve(id));
    const body = assertJsonExchange(exchange, 'Benchmark');
    assert.deepEqual(benchmark, body);
    assert.equal(body.type, 'benchmark');
    assert.equal(body.dataset_id, datasetId);
    assert.deepEqual(body.scoring_functions, ['basic::equality']);
    assert.deepEqual(body.metadata, { note: 'conformance' });

    const [, removed] = await sdk(() => client.alpha.benchmarks.unregister(id));
    assert.equal(removed.status, 204);
    assert.equal(removed.text, '');
    created.benchmarks.delete(id);
    await sdkError(() => client.alpha.benchmarks.retrieve(id), 404, NotFoundError);
    assert.ok(!(await client.alpha.benchmarks.list()).some((b) => b.identifier === id));
  });

  test('register checks the dataset and functions (404) and the body (400 naming the field)', async () => {
    const id = uniqueId('eval/bench');
    const noDataset = await sdkError(() => client.alpha.benchmarks.register({
      benchmark_id: id, dataset_id: 'eval/no-such-dataset', scoring_functions: ['basic::equality'],
    }), 404, NotFoundError);
    assert.ok(noDataset.detail.includes('eval/no-such-dataset'), noDataset.detail);
    const noFn = await sdkError(() => client.alpha.benchmarks.register({
      benchmark_id: id, dataset_id: datasetId, scoring_functions: ['basic::no-such-fn'],
    }), 404, NotFoundError);
    assert.ok(noFn.detail.includes('basic::no-such-fn'), noFn.detail);
    const noDatasetId = await raw('POST', '/v1alpha/eval/benchmarks',
      { body: { benchmark_id: id, scoring_functions: ['basic::equality'] } });
    assert.match(assertErrorExchange(noDatasetId, 400).detail, /^dataset_id/);
    await sdkError(() => client.alpha.benchmarks.retrieve(id), 404, NotFoundError);
  });
});
