// The PostTraining endpoints (/v1alpha/post-training/*), every answer validated against the
// experimental spec's schemas, on the tiny random model run.sh provides. The SDK (0.7.3) has no
// post-training resource, so the calls go through its generic client.get/client.post, which
// still use its transport, error classes and recorded exchanges.
//
// Peer: upstream's tests/integration/post_training/test_post_training.py::test_supervised_fine_tune:
// the same request shape (LoRA on q_proj/v_proj/output_proj with apply_lora_to_mlp, rank 8,
// alpha 16; batch 1, instruct, 1 epoch of 1 step; no optimizer_config; checkpoint_dir None),
// status polled while it is scheduled/in_progress until completed, then artifacts. Upstream
// trains on the simpleqa Hugging Face dataset; this suite runs offline, so it uses upstream's
// test_dataset.csv (chat_completion_input + expected_answer, the instruct format's columns). The
// commented-out expectations of the upstream test hold here: the job is listed, checkpoints[0]
// is a Checkpoint with epoch 0.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { ConflictError, NotFoundError, BadRequestError } from 'llama-stack-client';

import {
  TEST_DATASET_CSV,
  assertJsonExchange,
  client,
  dataUrl,
  raw,
  sdk,
  sdkError,
  testModel,
  uniqueId,
} from './lib/harness.mjs';

const datasetId = uniqueId('post-training/simpleqa');
const jobUuid = uniqueId('test-job');

//! upstream's request, on the suite's model and dataset.
function sftRequest(id) {
  return {
    job_uuid: id,
    model: testModel,
    checkpoint_dir: null,
    algorithm_config: {
      type: 'LoRA',
      lora_attn_modules: ['q_proj', 'v_proj', 'output_proj'],
      apply_lora_to_mlp: true,
      apply_lora_to_output: false,
      rank: 8,
      alpha: 16,
    },
    training_config: {
      n_epochs: 1,
      data_config: { dataset_id: datasetId, batch_size: 1, shuffle: false, data_format: 'instruct' },
      max_steps_per_epoch: 1,
      gradient_accumulation_steps: 1,
    },
    hyperparam_search_config: {},
    logger_config: {},
  };
}

const status = (id) => client.get('/v1alpha/post-training/job/status', { query: { job_uuid: id } });
const artifacts = (id) => client.get('/v1alpha/post-training/job/artifacts', { query: { job_uuid: id } });

before(async () => {
  await client.beta.datasets.register({
    purpose: 'post-training/messages', source: { type: 'uri', uri: dataUrl(TEST_DATASET_CSV) },
    dataset_id: datasetId,
  });
});

after(async () => {
  await raw('DELETE', `/v1beta/datasets/${datasetId}`);
});

describe('post-training (upstream test_supervised_fine_tune)', () => {
  test('supervised-fine-tune: the job id is echoed, status reaches completed, artifacts', async () => {
    const [job, exchange] = await sdk(() =>
      client.post('/v1alpha/post-training/supervised-fine-tune', { body: sftRequest(jobUuid) }));
    assert.deepEqual(job, assertJsonExchange(exchange, 'PostTrainingJob'));
    assert.equal(job.job_uuid, jobUuid);

    // As upstream: only scheduled, in_progress and completed may be seen on the way.
    const deadline = Date.now() + 120_000;
    let last;
    for (;;) {
      const [s, e] = await sdk(() => status(jobUuid));
      assert.deepEqual(s, assertJsonExchange(e, 'PostTrainingJobStatusResponse'));
      assert.equal(s.job_uuid, jobUuid);
      assert.ok(['scheduled', 'in_progress', 'completed'].includes(s.status),
        `status ${s.status}: ${e.text.slice(0, 500)}`);
      last = s;
      if (s.status === 'completed' || Date.now() > deadline)
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(last.status, 'completed');
    // ISO-8601 UTC timestamps in order; completed_at once completed.
    assert.ok(last.scheduled_at < last.started_at && last.started_at < last.completed_at);
    for (const t of [last.scheduled_at, last.started_at, last.completed_at])
      assert.ok(!Number.isNaN(Date.parse(t)), t);
    assert.equal(typeof last.resources_allocated, 'object');
    assert.equal(last.checkpoints.length, 1);
    assert.equal(last.checkpoints[0].epoch, 0);
    assert.equal(last.checkpoints[0].post_training_job_id, jobUuid);

    const [a, ae] = await sdk(() => artifacts(jobUuid));
    assert.deepEqual(a, assertJsonExchange(ae, 'PostTrainingJobArtifactsResponse'));
    assert.equal(a.job_uuid, jobUuid);
    assert.deepEqual(a.checkpoints, last.checkpoints);

    // The checkpoint's merged model is served: it is listed and answers a chat completion.
    const modelId = `${jobUuid}/${a.checkpoints[0].identifier}`;
    const models = await client.models.list();
    assert.ok(models.some((m) => m.id === modelId), `${modelId} in /v1/models`);
    const chat = await client.chat.completions.create({
      model: modelId, messages: [{ role: 'user', content: 'What is the currency of Japan?' }],
      max_tokens: 4, temperature: 0,
    });
    assert.equal(chat.choices.length, 1);
  });

  test('jobs lists the job', async () => {
    const [list, exchange] = await sdk(() => client.get('/v1alpha/post-training/jobs'));
    assert.deepEqual(list, assertJsonExchange(exchange, 'ListPostTrainingJobsResponse'));
    assert.ok(list.data.some((j) => j.job_uuid === jobUuid));
  });

  test('a duplicate job_uuid is a conflict', async () => {
    const body = await sdkError(() =>
      client.post('/v1alpha/post-training/supervised-fine-tune', { body: sftRequest(jobUuid) }), 409, ConflictError);
    assert.match(body.detail, /already exists/);
  });

  test('an unknown job: status, artifacts and cancel are 404', async () => {
    const missing = uniqueId('no-such-job');
    await sdkError(() => status(missing), 404, NotFoundError);
    await sdkError(() => artifacts(missing), 404, NotFoundError);
    const body = await sdkError(() =>
      client.post('/v1alpha/post-training/job/cancel', { body: { job_uuid: missing } }), 404, NotFoundError);
    assert.match(body.detail, new RegExp(missing));
  });

  test('bad requests are 400 before any job exists', async () => {
    const noData = sftRequest(uniqueId('no-data'));
    delete noData.training_config.data_config;
    const body = await sdkError(() =>
      client.post('/v1alpha/post-training/supervised-fine-tune', { body: noData }), 400, BadRequestError);
    assert.match(body.detail, /data_config/);
    await sdkError(() => client.get('/v1alpha/post-training/job/status'), 400, BadRequestError);
    await sdkError(() => status(noData.job_uuid), 404, NotFoundError);
  });

  test('cancel a finished job: 200, it stays completed', async () => {
    const [, exchange] = await sdk(() =>
      client.post('/v1alpha/post-training/job/cancel', { body: { job_uuid: jobUuid } }));
    assert.equal(exchange.status, 200);
    const [s] = await sdk(() => status(jobUuid));
    assert.equal(s.status, 'completed');
  });

  test('extensions: job info and per-step metrics', async () => {
    const info = await client.get('/v1alpha/post-training/job/info', { query: { job_uuid: jobUuid } });
    assert.equal(info.job_uuid, jobUuid);
    assert.equal(info.method, 'lora');
    assert.equal(info.step, 1);
    const metrics = await client.get('/v1alpha/post-training/job/metrics', { query: { job_uuid: jobUuid } });
    assert.equal(metrics.total, 1);
    assert.equal(metrics.data[0].step, 1);
    assert.ok(metrics.data[0].loss > 0);
  });
});
