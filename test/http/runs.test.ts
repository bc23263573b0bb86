import { beforeAll, describe, expect, it } from 'vitest';
import { openEvents, type EventStream } from '../support/sse-client.js';
import { makeToken } from '../support/tokens.js';
import { hubForFile } from './file-hub.js';
import { Api, expectRefusal, type Reply } from './http-client.js';

const R = '/api/v1/runs';

/** The seed's recipe, as a runner would send its file. */
const RECIPE = `# Recipe: distributed-code-review
steps:
  - id: split-files
    prompt: "Divide files into groups for parallel review"
  - id: post-assignments
    foreach: "{{steps.split-files.groups}}"
    prompt: "Post handoff for file group to handoffs channel"
  - id: aggregate
    prompt: "Combine all review findings into summary"
`;

const NEW_RUN = {
  recipe: 'distributed-code-review',
  source: 'recipes/distributed-code-review.yaml',
  text: RECIPE,
  inputs: { files: ['src/a.ts', 'src/b.ts'] },
  context: { files: ['src/a.ts', 'src/b.ts'], notify_channel: 'general' },
};

const step = (key: string, extra: Record<string, unknown> = {}) => ({ key, step_id: key.replace(/^.*\//, '').replace(/\[.*$/, ''), state: 'running', ...extra });

describe('http runs: recipe runs kept in the hub', () => {
  const hub = hubForFile();
  /** The admin, a runner with an agent's token, another agent, and a coordinator. */
  let admin: Api;
  let agent: Api;
  let coordinator: Api;
  let runner: string;
  let other: string;
  let lead: string;
  let bob: string;
  beforeAll(async () => {
    const url = hub().url;
    admin = new Api(url);
    agent = new Api(url, await makeToken(url, 'agent'));
    coordinator = new Api(url, await makeToken(url, 'coordinator'));
    runner = await agent.session('runner');
    other = await agent.session('other-agent');
    lead = await coordinator.session('lead');
    bob = await agent.session('bob');
  });

  const create = async (as = runner, body: Record<string, unknown> = NEW_RUN): Promise<Record<string, any>> => {
    const reply = await agent.post(R, body, { session: as });
    expect(reply.status, reply.text).toBe(201);
    expect(reply.json.success).toBe(true);
    return reply.json.run as Record<string, any>;
  };
  const runNow = async (id: string): Promise<Record<string, any>> => {
    const reply = await admin.get(`${R}/${id}`);
    expect(reply.status, reply.text).toBe(200);
    return reply.json.run as Record<string, any>;
  };
  const saveStep = (id: string, body: unknown, as = runner): Promise<Reply> => agent.call('PUT', `${R}/${id}/steps`, { body, session: as });
  const patch = (id: string, body: unknown, as = runner): Promise<Reply> => agent.call('PATCH', `${R}/${id}`, { body, session: as });
  const decide = (id: string, body: unknown, api = coordinator, as = lead): Promise<Reply> => api.post(`${R}/${id}/approval`, body, { session: as });
  const ok = (reply: Reply, status = 200): Record<string, any> => {
    expect(reply.status, reply.text).toBe(status);
    return reply.json;
  };
  const handoff = async (task: string): Promise<string> => ok(await admin.post('/api/v1/tasks', { task }, { session: lead }), 201).task.id as string;
  const countRuns = async (): Promise<number> => ok(await admin.get(`${R}?limit=200`)).runs.length;

  it('create - a run starts running with its recipe, text, inputs and context, and reads back the same by id and in the list', async () => {
    const run = await create();
    expect(run).toMatchObject({ ...NEW_RUN, state: 'running', outputs: {}, error: null, approval: null, created_by: runner, steps: [] });
    expect(run.id).toMatch(/^r-[0-9a-z]{10}$/);
    expect(Date.parse(run.created_at)).toBe(Date.parse(run.updated_at));
    expect(await runNow(run.id)).toEqual(run);
    expect(ok(await admin.get(R)).runs[0]).toEqual(run);
  });

  it('create - bad input is refused naming the field, and nothing is made', async () => {
    const before = await countRuns();
    const refusals: [unknown, number, string, string][] = [
      [{ ...NEW_RUN, recipe: undefined }, 400, 'invalid_input', 'recipe'],
      [{ ...NEW_RUN, recipe: '   ' }, 400, 'invalid_input', 'recipe'],
      [{ ...NEW_RUN, source: 7 }, 400, 'invalid_input', 'source'],
      [{ ...NEW_RUN, text: '' }, 400, 'invalid_input', 'text'],
      [{ ...NEW_RUN, text: 'a\u0000b' }, 400, 'invalid_input', 'text'],
      [{ ...NEW_RUN, inputs: ['not', 'an', 'object'] }, 400, 'invalid_input', 'inputs'],
      [{ ...NEW_RUN, context: 'files' }, 400, 'invalid_input', 'context'],
      [{ ...NEW_RUN, text: `# ${'x'.repeat(256 * 1024)}` }, 413, 'too_large', 'text'],
      ['{"recipe": ', 400, 'invalid_input', 'body'],
    ];
    for (const [body, status, code, field] of refusals) expectRefusal(await agent.post(R, body, { session: runner }), status, code, field);
    expect((await agent.post(R, { ...NEW_RUN, text: 'x'.repeat(256 * 1024) }, { session: runner })).status).toBe(201);
    expect(await countRuns()).toBe(before + 1);
  });

  it('list - newest first, filtered by state; 20 by default and at most 200', async () => {
    const made = [];
    for (let i = 0; i < 21; i++) made.push((await create(runner, { ...NEW_RUN, recipe: `list-${i}` })).id as string);
    ok(await patch(made[19]!, { state: 'completed' }));
    expect(ok(await admin.get(R)).runs).toHaveLength(20);
    expect(ok(await admin.get(`${R}?limit=3`)).runs.map((r: { id: string }) => r.id)).toEqual([made[20], made[19], made[18]]);
    const completed = ok(await admin.get(`${R}?state=completed&limit=200`)).runs;
    expect(completed.map((r: { id: string }) => r.id)).toContain(made[19]);
    expect(completed.every((r: { state: string }) => r.state === 'completed')).toBe(true);
    expectRefusal(await admin.get(`${R}?limit=201`), 400, 'invalid_input', 'limit');
    expectRefusal(await admin.get(`${R}?limit=0`), 400, 'invalid_input', 'limit');
    expectRefusal(await admin.get(`${R}?state=finished`), 400, 'invalid_input', 'state');
  });

  it('steps - saving a key again replaces that step in place: one per key, in the order first saved, each with its handoff holder and state', async () => {
    const run = await create();
    const group = await handoff('code review · group 2');
    ok(await agent.post(`/api/v1/tasks/${group}/claim`, {}, { session: bob }));
    ok(await saveStep(run.id, step('post-assignments[1]', { item: 1, state: 'waiting', task_id: group, attempts: 1, started_at: '2026-01-20T10:00:00+01:00' })));
    ok(await saveStep(run.id, step('post-assignments[0]', { item: 0, state: 'waiting' })));
    const split = ok(await saveStep(run.id, step('split-files', { state: 'completed', result: { groups: [['src/a.ts'], ['src/b.ts']] } })));
    expect(split).toMatchObject({ success: true, step: { key: 'split-files', state: 'completed', result: { groups: [['src/a.ts'], ['src/b.ts']] }, task: null } });
    const finished = step('post-assignments[1]', { item: 1, state: 'completed', task_id: group, result: 'two findings', attempts: 2, started_at: '2026-01-20T09:00:00Z', finished_at: '2026-01-20T09:05:00.250Z' });
    ok(await saveStep(run.id, finished));
    const now = await runNow(run.id);
    expect(now.steps.map((s: { key: string }) => s.key)).toEqual(['post-assignments[1]', 'post-assignments[0]', 'split-files']);
    expect(now.steps[0]).toEqual({
      ...finished,
      stage: null,
      round: null,
      error: null,
      started_at: '2026-01-20T09:00:00.000Z',
      finished_at: '2026-01-20T09:05:00.250Z',
      task: { kind: 'handoff', state: 'claimed', holder: 'bob', holder_id: bob, lease_expires_at: expect.any(String) },
    });
    expect(now.steps[1]).toMatchObject({ item: 0, state: 'waiting', task_id: null, task: null, result: null, attempts: 0, started_at: null });
    expect(Date.parse(now.updated_at)).toBeGreaterThanOrEqual(Date.parse(run.updated_at));
  });

  it('steps - a bad step is refused naming the field, and the run keeps its steps as they were', async () => {
    const run = await create();
    ok(await saveStep(run.id, step('split-files', { result: 'kept' })));
    const before = await runNow(run.id);
    const refusals: [unknown, number, string, string][] = [
      [{ step_id: 'a', state: 'running' }, 400, 'invalid_input', 'key'],
      [{ key: 'a', state: 'running' }, 400, 'invalid_input', 'step_id'],
      [{ key: 'split-files', step_id: 'split-files' }, 400, 'invalid_input', 'state'],
      [step('split-files', { state: 'done' }), 400, 'invalid_input', 'state'],
      [step('split-files', { item: -1 }), 400, 'invalid_input', 'item'],
      [step('split-files', { round: 1.5 }), 400, 'invalid_input', 'round'],
      [step('split-files', { attempts: '2' }), 400, 'invalid_input', 'attempts'],
      [step('split-files', { started_at: 'yesterday' }), 400, 'invalid_input', 'started_at'],
      [step('split-files', { task_id: 'm-zzzzzz' }), 400, 'invalid_input', 'task_id'],
      [step('split-files', { result: 'x'.repeat(1024 * 1024) }), 413, 'too_large', 'result'],
      [step('split-files', { result: 'x'.repeat(900 * 1024), error: 'y'.repeat(64 * 1024), pad: 'z'.repeat(1200 * 1024) }), 413, 'too_large', 'body'],
    ];
    for (const [body, status, code, field] of refusals) expectRefusal(await saveStep(run.id, body), status, code, field);
    expect(await runNow(run.id)).toEqual(before);
  });

  it('patch - writes only the fields it names; an empty patch, a bad field or a cancel by patch is refused', async () => {
    const run = await create();
    const outputs = ok(await patch(run.id, { outputs: { summary: 'all good' } })).run;
    expect(outputs).toMatchObject({ ...NEW_RUN, state: 'running', outputs: { summary: 'all good' }, error: null });
    const failed = ok(await patch(run.id, { state: 'failed', error: 'step aggregate: timed out after 600 s' })).run;
    expect(failed).toMatchObject({ state: 'failed', error: 'step aggregate: timed out after 600 s', outputs: { summary: 'all good' }, context: NEW_RUN.context });
    // A resume picks a failed run up again.
    expect(ok(await patch(run.id, { state: 'running', error: null, context: { round: 2 } })).run).toMatchObject({ state: 'running', error: null, context: { round: 2 } });
    expectRefusal(await patch(run.id, {}), 400, 'invalid_input', 'body');
    expectRefusal(await patch(run.id, { state: 'cancelled' }), 400, 'invalid_input', 'state');
    expectRefusal(await patch(run.id, { state: 'finished' }), 400, 'invalid_input', 'state');
    expectRefusal(await patch(run.id, { outputs: ['x'] }), 400, 'invalid_input', 'outputs');
    expectRefusal(await patch(run.id, { approval: { prompt: 'Ship?' } }), 400, 'invalid_input', 'approval.stage');
    expectRefusal(await patch(run.id, { approval: { stage: 'review', prompt: 'Ship?', decision: 'maybe' } }), 400, 'invalid_input', 'approval.decision');
    expect((await runNow(run.id)).state).toBe('running');
  });

  it('404 - an unknown run is not found on every route', async () => {
    const id = 'r-nosuchrun0';
    expectRefusal(await admin.get(`${R}/${id}`), 404, 'not_found');
    expectRefusal(await saveStep(id, step('a')), 404, 'not_found');
    expectRefusal(await patch(id, { state: 'failed' }), 404, 'not_found');
    expectRefusal(await coordinator.post(`${R}/${id}/cancel`, {}, { session: lead }), 404, 'not_found');
    expectRefusal(await decide(id, { decision: 'approve' }), 404, 'not_found');
  });

  it('approval - refused with 409 naming the state unless the run is paused; a coordinator decides once, and the decision and its maker are kept', async () => {
    const run = await create();
    const early = await decide(run.id, { decision: 'approve' });
    expectRefusal(early, 409, 'conflict');
    expect(early.json.error).toContain('is running, not paused_for_approval');
    // The runner asks; a `by` it sends is not taken.
    const paused = ok(await patch(run.id, { state: 'paused_for_approval', approval: { stage: 'review', prompt: 'Post the summary?', by: lead } })).run;
    expect(paused.approval).toEqual({ stage: 'review', prompt: 'Post the summary?', decision: null, by: null, reason: null, decided_at: null });
    expectRefusal(await decide(run.id, { decision: 'approve' }, agent, runner), 403, 'forbidden');
    expectRefusal(await decide(run.id, { decision: 'yes' }), 400, 'invalid_input', 'decision');
    const decided = ok(await decide(run.id, { decision: 'deny', reason: 'the findings need a second look' })).run;
    expect(decided).toMatchObject({ state: 'paused_for_approval', approval: { stage: 'review', decision: 'deny', by: lead, reason: 'the findings need a second look' } });
    expect(Date.parse(decided.approval.decided_at)).toBeGreaterThan(0);
    const again = await decide(run.id, { decision: 'approve' });
    expectRefusal(again, 409, 'conflict');
    expect(again.json.error).toContain(`already decided (deny by ${lead})`);
    // The runner moves on, sending the approval back as it read it: the decision keeps its maker.
    const moved = ok(await patch(run.id, { state: 'failed', error: 'stage review was denied', approval: { stage: 'review', prompt: 'Post the summary?', decision: 'deny', by: null } })).run;
    expect(moved.approval).toMatchObject({ decision: 'deny', by: lead });
    expect((await decide(run.id, { decision: 'approve' })).json.error).toContain('is failed, not paused_for_approval');
  });

  it('cancel - cancels the run and its open or claimed handoffs, each announced in its thread; the run then takes no more changes', async () => {
    const run = await create();
    const [open, claimed, done] = [await handoff('cancel · open'), await handoff('cancel · claimed'), await handoff('cancel · done')];
    ok(await agent.post(`/api/v1/tasks/${claimed}/claim`, {}, { session: bob }));
    ok(await agent.post(`/api/v1/tasks/${done}/claim`, {}, { session: bob }));
    ok(await agent.post(`/api/v1/tasks/${done}/complete`, { result: 'reviewed' }, { session: bob }));
    for (const [i, task] of [open, claimed, done].entries()) ok(await saveStep(run.id, step(`post-assignments[${i}]`, { item: i, state: 'waiting', task_id: task })));
    const cancelled = ok(await coordinator.post(`${R}/${run.id}/cancel`, { reason: 'wrong branch' }, { session: lead }));
    expect(cancelled.run).toMatchObject({ state: 'cancelled', error: `cancelled by lead (${lead}): wrong branch` });
    expect([...cancelled.cancelled_tasks].sort()).toEqual([open, claimed].sort());
    expect(cancelled.run.steps.map((s: { task: { state: string } }) => s.task.state)).toEqual(['cancelled', 'cancelled', 'completed']);
    for (const task of [open, claimed]) {
      expect(ok(await admin.get(`/api/v1/tasks/${task}`)).task).toMatchObject({ state: 'cancelled', reason: `run ${run.id} was cancelled: wrong branch` });
      const thread = ok(await admin.get(`/api/v1/channels/handoffs/messages?thread=${task}`, { session: lead })).messages.map((m: { title: string }) => m.title);
      expect(thread).toContain(`🛑 Cancelled: ${task === open ? 'cancel · open' : 'cancel · claimed'}`);
    }
    const refusedPatch = await patch(run.id, { state: 'completed' });
    expectRefusal(refusedPatch, 409, 'conflict');
    expect(refusedPatch.json.error).toContain('was cancelled');
    expectRefusal(await saveStep(run.id, step('aggregate')), 409, 'conflict');
    const twice = await coordinator.post(`${R}/${run.id}/cancel`, {}, { session: lead });
    expectRefusal(twice, 409, 'conflict');
    expect(twice.json.error).toContain('is cancelled');
    expect((await runNow(run.id)).steps).toHaveLength(3);
  });

  it("cancel - the run's creator may cancel it with an agent's token, its handoffs included; another agent may not", async () => {
    const run = await create(runner);
    const claimed = await handoff('creator cancel · claimed');
    ok(await agent.post(`/api/v1/tasks/${claimed}/claim`, {}, { session: bob }));
    ok(await saveStep(run.id, step('review', { state: 'waiting', task_id: claimed })));
    const refused = await agent.post(`${R}/${run.id}/cancel`, {}, { session: other });
    expectRefusal(refused, 403, 'forbidden');
    expect(refused.json.error).toContain('run.cancel needs the coordinator role');
    expect((await runNow(run.id)).state).toBe('running');
    const cancelled = ok(await agent.post(`${R}/${run.id}/cancel`, {}, { session: runner }));
    expect(cancelled).toMatchObject({ run: { state: 'cancelled', error: `cancelled by runner (${runner})` }, cancelled_tasks: [claimed] });
    expect(ok(await admin.get(`/api/v1/tasks/${claimed}`)).task.state).toBe('cancelled');
  });

  it('events - each change of a run arrives as a run event with the run as it is now (without its recipe text)', async () => {
    const stream = await openEvents(`${hub().url}/api/v1/events?channels=general`);
    await stream.nextOf('ready');
    const run = await create();
    expect(await nextRun(stream, run.id, (r) => r.state === 'running')).toMatchObject({ id: run.id, recipe: NEW_RUN.recipe, created_by: runner, steps: [] });
    ok(await saveStep(run.id, step('split-files', { state: 'completed', result: { groups: [] } })));
    const saved = await nextRun(stream, run.id, (r) => r.steps.length === 1);
    expect(saved.steps[0]).toMatchObject({ key: 'split-files', state: 'completed', result: { groups: [] } });
    expect(saved).not.toHaveProperty('text');
    ok(await patch(run.id, { state: 'paused_for_approval', approval: { stage: 'review', prompt: 'Go on?' } }));
    await nextRun(stream, run.id, (r) => r.state === 'paused_for_approval');
    ok(await decide(run.id, { decision: 'approve' }));
    expect((await nextRun(stream, run.id, (r) => r.approval?.decision === 'approve')).approval).toMatchObject({ decision: 'approve', by: lead });
    ok(await coordinator.post(`${R}/${run.id}/cancel`, {}, { session: lead }));
    await nextRun(stream, run.id, (r) => r.state === 'cancelled');
    stream.close();
  });

  it('audit - every write to a run is recorded with the session that made it and the run', async () => {
    const run = await create();
    ok(await saveStep(run.id, step('split-files')));
    ok(await patch(run.id, { state: 'paused_for_approval', approval: { stage: 'review', prompt: 'Go on?' } }));
    ok(await decide(run.id, { decision: 'approve' }));
    ok(await coordinator.post(`${R}/${run.id}/cancel`, {}, { session: lead }));
    expectRefusal(await agent.post(`${R}/${run.id}/approval`, { decision: 'deny' }, { session: runner }), 403, 'forbidden');
    const entries = ok(await admin.get('/api/v1/audit?limit=200')).entries.filter((e: { target: string }) => e.target === run.id);
    const seen = entries.map((e: { action: string; session_id: string; outcome: string }) => [e.action, e.session_id, e.outcome]);
    expect(seen).toEqual(
      expect.arrayContaining([
        ['run.create', runner, 'ok'],
        ['run.update', runner, 'ok'],
        ['run.approve', lead, 'ok'],
        ['run.cancel', lead, 'ok'],
        ['run.approve', runner, 'denied'],
      ]),
    );
    expect(seen.filter(([action]: string[]) => action === 'run.update')).toHaveLength(2);
  });
});

/** The next `run` event of this run that shows what the test waits for (changes close together arrive as one). */
async function nextRun(stream: EventStream, id: string, shows: (run: Record<string, any>) => boolean): Promise<Record<string, any>> {
  for (let event = await stream.nextOf('run'); event; event = await stream.nextOf('run')) {
    const run = JSON.parse(event.data) as Record<string, any>;
    if (run.id === id && shows(run)) return run;
  }
  throw new Error(`the stream ended before run ${id} showed the change`);
}
