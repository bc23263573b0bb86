import { beforeEach, describe, expect, it } from 'vitest';
import type { RunRecord, StepRecord } from '../../../src/recipes/run-log.js';
import type { NewRunRecord } from '../../../src/store/store.js';
import { T0, type StoreFixture } from './fixtures.js';

const SEC = 1000;
const at = (ms: number): string => new Date(ms).toISOString();

const TEXT = 'name: code-review\nsteps:\n  - id: split-files\n    prompt: Divide files into groups\n';

const step = (key: string, overrides: Partial<StepRecord> = {}): StepRecord => ({
  key,
  stepId: key.replace(/^.*\//, '').replace(/[[#].*$/, ''),
  stage: null,
  item: null,
  round: null,
  state: 'running',
  taskId: null,
  result: null,
  error: null,
  attempts: 1,
  startedAt: at(T0),
  finishedAt: null,
  ...overrides,
});

/** The Store contract for recipe runs: creation, reads, step upserts by key, and patches as compare-and-sets. */
export function describeRuns(fx: StoreFixture): void {
  const { session } = fx;
  describe('runs', () => {
    let lead: string;
    beforeEach(async () => {
      lead = await session('s-lead', { name: 'lead' });
    });

    const newRun = (id: string, overrides: Partial<NewRunRecord> = {}): NewRunRecord => ({
      id,
      recipe: 'code-review',
      source: 'recipes/code-review.yaml',
      text: TEXT,
      inputs: { repo: 'baton' },
      context: { repo: 'baton', groups: [] },
      createdBy: lead,
      createdAt: T0,
      ...overrides,
    });
    const create = async (id: string, overrides: Partial<NewRunRecord> = {}): Promise<RunRecord> => {
      const run = await fx.store.runs.create(newRun(id, overrides));
      expect(run, id).toBeDefined();
      return run!;
    };
    const save = (runId: string, record: StepRecord, when = T0 + SEC) => fx.store.runs.saveStep({ runId, step: record, at: when });

    it('runs - a created run comes back whole: running, no outputs, no steps, stamped with its creator and time', async () => {
      const created = await create('r-aaaaaaaaaa');
      const expected: RunRecord = {
        id: 'r-aaaaaaaaaa',
        recipe: 'code-review',
        source: 'recipes/code-review.yaml',
        text: TEXT,
        state: 'running',
        inputs: { repo: 'baton' },
        context: { repo: 'baton', groups: [] },
        outputs: {},
        error: null,
        approval: null,
        createdBy: lead,
        createdAt: at(T0),
        updatedAt: at(T0),
        steps: [],
      };
      expect(created).toEqual(expected);
      expect(await fx.store.runs.get('r-aaaaaaaaaa')).toEqual(expected);
    });

    it('runs - creating a taken id returns undefined and keeps the first run', async () => {
      await create('r-aaaaaaaaaa', { recipe: 'first' });
      expect(await fx.store.runs.create(newRun('r-aaaaaaaaaa', { recipe: 'second' }))).toBeUndefined();
      expect((await fx.store.runs.get('r-aaaaaaaaaa'))?.recipe).toBe('first');
      expect(await fx.store.runs.list({ limit: 10 })).toHaveLength(1);
    });

    it('runs - an unknown id is undefined', async () => {
      expect(await fx.store.runs.get('r-nobody0000')).toBeUndefined();
    });

    it('runs - list puts the newest first, filters by state and honours the limit', async () => {
      for (const id of ['r-first00000', 'r-second0000', 'r-third00000']) await create(id);
      await fx.store.runs.change({ id: 'r-second0000', set: { state: 'completed' }, at: T0 + SEC });
      expect((await fx.store.runs.list({ limit: 10 })).map((r) => r.id)).toEqual(['r-third00000', 'r-second0000', 'r-first00000']);
      expect((await fx.store.runs.list({ limit: 2 })).map((r) => r.id)).toEqual(['r-third00000', 'r-second0000']);
      expect((await fx.store.runs.list({ state: 'running', limit: 10 })).map((r) => r.id)).toEqual(['r-third00000', 'r-first00000']);
      expect((await fx.store.runs.list({ state: 'completed', limit: 10 })).map((r) => r.id)).toEqual(['r-second0000']);
      expect(await fx.store.runs.list({ state: 'cancelled', limit: 10 })).toEqual([]);
    });

    it('runs - list carries each run with its own steps', async () => {
      await create('r-first00000');
      await create('r-second0000');
      await save('r-first00000', step('split-files'));
      await save('r-second0000', step('aggregate'));
      await save('r-second0000', step('post-summary'));
      const listed = await fx.store.runs.list({ limit: 10 });
      expect(listed.map((r) => [r.id, r.steps.map((s) => s.key)])).toEqual([
        ['r-second0000', ['aggregate', 'post-summary']],
        ['r-first00000', ['split-files']],
      ]);
    });

    it('runs - saving a step again replaces it in place: one row per key, listed in the order first saved (the order they ran)', async () => {
      await create('r-aaaaaaaaaa');
      await save('r-aaaaaaaaaa', step('review/post-assignments[1]', { stage: 'review', item: 1, state: 'waiting', taskId: 'm-7' }));
      await save('r-aaaaaaaaaa', step('review/post-assignments[0]', { stage: 'review', item: 0, state: 'waiting', taskId: 'm-6' }));
      await save('r-aaaaaaaaaa', step('review/split-files', { stage: 'review' }));
      const done = step('review/post-assignments[1]', {
        stage: 'review',
        item: 1,
        state: 'completed',
        taskId: 'm-7',
        result: { findings: ['naming', 'tests'], score: 0.5, ok: true },
        attempts: 2,
        finishedAt: at(T0 + 9 * SEC),
      });
      await save('r-aaaaaaaaaa', done, T0 + 9 * SEC);
      const run = await fx.store.runs.get('r-aaaaaaaaaa');
      expect(run!.steps.map((s) => s.key)).toEqual(['review/post-assignments[1]', 'review/post-assignments[0]', 'review/split-files']);
      expect(run!.steps[0]).toEqual(done);
      expect(run!.updatedAt).toBe(at(T0 + 9 * SEC));
    });

    it('runs - a step keeps any JSON result as given: text, numbers, lists, nested objects, null', async () => {
      await create('r-aaaaaaaaaa');
      const results: unknown[] = ['plain text ✓', 42, [1, 'two', { three: 3 }], { a: { b: { c: [null, false] } } }, null];
      for (const [i, result] of results.entries()) await save('r-aaaaaaaaaa', step(`s${i}`, { result, state: 'completed' }));
      expect((await fx.store.runs.get('r-aaaaaaaaaa'))!.steps.map((s) => s.result)).toEqual(results);
    });

    it('runs - a step of an unknown run, or of a run not in an expected state, is not saved', async () => {
      expect(await save('r-nobody0000', step('a'))).toEqual({ ok: false, current: undefined });
      await create('r-aaaaaaaaaa');
      await fx.store.runs.change({ id: 'r-aaaaaaaaaa', set: { state: 'cancelled' }, at: T0 + SEC });
      const refused = await fx.store.runs.saveStep({ runId: 'r-aaaaaaaaaa', step: step('a'), expect: { states: ['running'] }, at: T0 + 2 * SEC });
      expect(refused).toMatchObject({ ok: false, current: { id: 'r-aaaaaaaaaa', state: 'cancelled', steps: [] } });
      expect((await fx.store.runs.get('r-aaaaaaaaaa'))!.updatedAt).toBe(at(T0 + SEC));
    });

    it('runs - a change writes only the fields it names and moves updatedAt', async () => {
      const created = await create('r-aaaaaaaaaa');
      await save('r-aaaaaaaaaa', step('split-files'));
      const outputs = await fx.store.runs.change({ id: 'r-aaaaaaaaaa', set: { outputs: { summary: 'ok' } }, at: T0 + 5 * SEC });
      expect(outputs).toMatchObject({ ok: true });
      const run = (outputs as { run: RunRecord }).run;
      expect(run).toEqual({ ...created, outputs: { summary: 'ok' }, updatedAt: at(T0 + 5 * SEC), steps: [step('split-files')] });
      const failed = await fx.store.runs.change({ id: 'r-aaaaaaaaaa', set: { state: 'failed', error: 'step aggregate: timed out' }, at: T0 + 6 * SEC });
      expect(failed).toMatchObject({ ok: true, run: { state: 'failed', error: 'step aggregate: timed out', outputs: { summary: 'ok' }, context: created.context } });
      const cleared = await fx.store.runs.change({ id: 'r-aaaaaaaaaa', set: { state: 'running', error: null, context: { repo: 'baton', round: 2 } }, at: T0 + 7 * SEC });
      expect(cleared).toMatchObject({ ok: true, run: { state: 'running', error: null, context: { repo: 'baton', round: 2 }, outputs: { summary: 'ok' } } });
    });

    it('runs - an approval is stored, replaced and cleared as a whole', async () => {
      await create('r-aaaaaaaaaa');
      const asked = { stage: 'review', prompt: 'Ship the summary?', decision: null, by: null };
      const paused = await fx.store.runs.change({ id: 'r-aaaaaaaaaa', set: { state: 'paused_for_approval', approval: asked }, at: T0 + SEC });
      expect(paused).toMatchObject({ ok: true, run: { state: 'paused_for_approval', approval: asked } });
      const decided = { ...asked, decision: 'approve' as const, by: lead };
      expect(await fx.store.runs.change({ id: 'r-aaaaaaaaaa', set: { approval: decided }, at: T0 + 2 * SEC })).toMatchObject({ ok: true, run: { approval: decided } });
      expect(await fx.store.runs.change({ id: 'r-aaaaaaaaaa', set: { approval: null }, at: T0 + 3 * SEC })).toMatchObject({ ok: true, run: { approval: null } });
    });

    it('runs - a change applies only when the run is in an expected state; otherwise it says how the run is now', async () => {
      await create('r-aaaaaaaaaa');
      await fx.store.runs.change({ id: 'r-aaaaaaaaaa', set: { state: 'completed' }, at: T0 + SEC });
      const refused = await fx.store.runs.change({ id: 'r-aaaaaaaaaa', expect: { states: ['running', 'paused_for_approval'] }, set: { state: 'cancelled' }, at: T0 + 2 * SEC });
      expect(refused).toMatchObject({ ok: false, current: { state: 'completed', updatedAt: at(T0 + SEC) } });
      expect(await fx.store.runs.change({ id: 'r-nobody0000', set: { state: 'failed' }, at: T0 })).toEqual({ ok: false, current: undefined });
    });

    it('runs - a change can expect the approval: none, or a stage with its decision still open', async () => {
      await create('r-aaaaaaaaaa');
      const asked = { stage: 'review', prompt: 'Ship it?', decision: null, by: null };
      const pause = (expectNone: boolean) =>
        fx.store.runs.change({ id: 'r-aaaaaaaaaa', expect: { approval: expectNone ? null : { stage: 'other', decision: null } }, set: { approval: asked }, at: T0 + SEC });
      expect(await pause(false)).toMatchObject({ ok: false, current: { approval: null } });
      expect(await pause(true)).toMatchObject({ ok: true });
      const decide = (decision: 'approve' | 'deny') =>
        fx.store.runs.change({ id: 'r-aaaaaaaaaa', expect: { states: ['running'], approval: { stage: 'review', decision: null } }, set: { approval: { ...asked, decision, by: lead } }, at: T0 + 2 * SEC });
      // The first decision wins; the second finds the decision made.
      expect(await decide('deny')).toMatchObject({ ok: true, run: { approval: { decision: 'deny', by: lead } } });
      expect(await decide('approve')).toMatchObject({ ok: false, current: { approval: { decision: 'deny' } } });
    });

    it('runs - concurrent decisions on one approval: exactly one applies', async () => {
      await create('r-aaaaaaaaaa');
      const asked = { stage: 'review', prompt: 'Ship it?', decision: null, by: null };
      await fx.store.runs.change({ id: 'r-aaaaaaaaaa', set: { state: 'paused_for_approval', approval: asked }, at: T0 });
      const deciders = await Promise.all(['s-one', 's-two', 's-three'].map((id) => session(id)));
      const results = await Promise.all(
        deciders.map((by, i) =>
          fx.store.runs.change({
            id: 'r-aaaaaaaaaa',
            expect: { states: ['paused_for_approval'], approval: { stage: 'review', decision: null } },
            set: { approval: { ...asked, decision: i % 2 ? 'deny' : 'approve', by } },
            at: T0 + SEC,
          }),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const by = (await fx.store.runs.get('r-aaaaaaaaaa'))!.approval!.by;
      expect(deciders).toContain(by);
    });
  });
}
