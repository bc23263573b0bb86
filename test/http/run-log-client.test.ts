import { beforeAll, describe, expect, it } from 'vitest';
import { HubClient, HubClientError } from '../../src/client/index.js';
import { RunLogClient } from '../../src/client/run-log-client.js';
import type { NewRun, StepRecord } from '../../src/recipes/run-log.js';
import { makeToken } from '../support/tokens.js';
import { hubForFile } from './file-hub.js';

const NEW_RUN: NewRun = {
  recipe: 'collaborative-task',
  source: 'recipes/collaborative-task.yaml',
  text: 'name: collaborative-task\ninputs:\n  task_description: {type: string, required: true}\n',
  inputs: { task_description: 'Write the docs' },
  context: { task_description: 'Write the docs', notify_channel: 'general', share_artifacts: true },
};

const step = (key: string, overrides: Partial<StepRecord> = {}): StepRecord => ({
  key,
  stepId: key,
  stage: null,
  item: null,
  round: null,
  state: 'running',
  taskId: null,
  result: null,
  error: null,
  attempts: 1,
  startedAt: '2026-01-20T09:00:00.000Z',
  finishedAt: null,
  ...overrides,
});

/** What a call threw, for asserting on it. */
async function refusal(call: Promise<unknown>): Promise<HubClientError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HubClientError);
  return error as HubClientError;
}

describe('RunLogClient: a run log kept in a real hub', () => {
  const hub = hubForFile();
  let agentToken: string;
  let runnerSession: string;
  let log: RunLogClient;
  let coordinator: RunLogClient;
  let leadSession: string;
  let worker: HubClient;
  beforeAll(async () => {
    const url = hub().url;
    agentToken = await makeToken(url, 'agent');
    const coordinatorToken = await makeToken(url, 'coordinator');
    const runner = new HubClient({ url, token: agentToken });
    runnerSession = (await runner.register({ name: 'runner', client: 'baton-recipe' })).session.id;
    log = new RunLogClient({ url, token: agentToken, session: runnerSession });
    const lead = new HubClient({ url, token: coordinatorToken });
    leadSession = (await lead.register({ name: 'lead' })).session.id;
    coordinator = new RunLogClient({ url, token: coordinatorToken, session: leadSession });
    worker = new HubClient({ url, token: agentToken });
    await worker.register({ name: 'worker' });
  });

  it('client - a runner creates a run, saves and replaces steps, patches it, and reads back exactly what it wrote', async () => {
    const created = await log.create(NEW_RUN);
    expect(created).toMatchObject({ ...NEW_RUN, state: 'running', outputs: {}, error: null, approval: null, createdBy: runnerSession, steps: [] });
    const handoff = await worker.handoff({ task: 'collaborative-task · do-task' });
    await worker.claim(handoff.task.id);
    await log.saveStep(created.id, step('announce-start', { state: 'completed', result: 'posted', finishedAt: '2026-01-20T09:00:01.000Z' }));
    await log.saveStep(created.id, step('do-task', { state: 'waiting', taskId: handoff.task.id }));
    const done = step('do-task', { state: 'completed', taskId: handoff.task.id, result: { links: ['http://hub/d/d-1'] }, attempts: 2, finishedAt: '2026-01-20T09:30:00.000Z' });
    await log.saveStep(created.id, done);
    const read = await log.get(created.id);
    expect(read.steps).toEqual([
      { ...step('announce-start', { state: 'completed', result: 'posted', finishedAt: '2026-01-20T09:00:01.000Z' }), task: null },
      { ...done, task: expect.objectContaining({ state: 'claimed', holder: 'worker', holder_id: worker.session }) },
    ]);
    const finished = await log.update(created.id, { state: 'completed', outputs: { summary: 'done' } });
    expect(finished).toMatchObject({ state: 'completed', outputs: { summary: 'done' }, context: NEW_RUN.context, error: null });
    expect(Date.parse(finished.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));
    expect((await log.list({ state: 'completed' })).map((r) => r.id)).toContain(created.id);
    expect((await log.list({ state: 'running' })).map((r) => r.id)).not.toContain(created.id);
    expect((await log.list({ limit: 1 }))[0]!.id).toBe(created.id);
  });

  it('client - a paused run is decided by a coordinator, once; the runner reads the decision and who made it', async () => {
    const run = await log.create(NEW_RUN);
    await log.update(run.id, { state: 'paused_for_approval', approval: { stage: 'share', prompt: 'Upload the artifacts?', decision: null, by: null } });
    expect((await refusal(log.decide(run.id, 'approve'))).status).toBe(403);
    const decided = await coordinator.decide(run.id, 'approve', 'looks right');
    expect(decided.approval).toMatchObject({ stage: 'share', decision: 'approve', by: leadSession, reason: 'looks right' });
    expect((await log.get(run.id)).approval).toEqual(decided.approval);
    const again = await refusal(coordinator.decide(run.id, 'deny'));
    expect(again).toMatchObject({ code: 'conflict', status: 409 });
    expect(again.message).toContain('already decided');
  });

  it('client - the creator cancels its run and the open handoff with it; refusals come back with the code, status and field', async () => {
    const run = await log.create(NEW_RUN);
    const handoff = await worker.handoff({ task: 'collaborative-task · upload' });
    await log.saveStep(run.id, step('upload', { state: 'waiting', taskId: handoff.task.id }));
    const cancelled = await log.cancel(run.id, 'not needed');
    expect(cancelled).toMatchObject({ run: { state: 'cancelled', error: `cancelled by runner (${runnerSession}): not needed` }, cancelledTasks: [handoff.task.id] });
    expect((await worker.task(handoff.task.id)).state).toBe('cancelled');
    expect(await refusal(log.saveStep(run.id, step('late')))).toMatchObject({ code: 'conflict', status: 409 });
    expect(await refusal(log.update(run.id, { state: 'cancelled' }))).toMatchObject({ code: 'invalid_input', status: 400, field: 'state' });
    expect(await refusal(log.saveStep(run.id, { ...step('bad'), attempts: -1 }))).toMatchObject({ code: 'invalid_input', status: 400, field: 'attempts' });
    expect(await refusal(log.get('r-nosuchrun0'))).toMatchObject({ code: 'not_found', status: 404 });
    expect(await refusal(log.create({ ...NEW_RUN, recipe: '' }))).toMatchObject({ code: 'invalid_input', status: 400, field: 'recipe' });
  });
});
