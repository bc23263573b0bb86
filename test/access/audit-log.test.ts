import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/access/audit-log.js';
import { BatonError } from '../../src/core/errors.js';
import type { AuditEntry } from '../../src/hub/audit.js';
import type { AuditStore, ControlStore } from '../../src/store/control.js';
import { openSqliteControl } from '../../src/store/sqlite/sqlite-control.js';
import { atFileEnd } from '../support/cleanup.js';
import { ManualClock } from '../support/manual-clock.js';
import { tempDir } from '../support/temp-dir.js';

const dir = tempDir('baton-audit-');
let files = 0;

/** A real control file; the audit store is wrapped only to count how many writes reach it. */
function openControl(): { control: ControlStore; appends: () => number } {
  const control = openSqliteControl(join(dir, `control-${files++}.db`));
  atFileEnd(() => control.close());
  let appends = 0;
  const counted: AuditStore = {
    append: (entries) => {
      appends++;
      return control.audit.append(entries);
    },
    query: (query) => control.audit.query(query),
    prune: (before) => control.audit.prune(before),
  };
  return { control: { ...control, audit: counted }, appends: () => appends };
}

const clock = new ManualClock();

/** An entry as the hub writes one; each call a second later than the last. */
function entry(action: string, overrides: Partial<AuditEntry> = {}): AuditEntry {
  clock.advance(1000);
  return {
    at: clock.now(),
    workspace: 'default',
    tokenId: 't-agent1',
    tokenName: 'worker',
    sessionId: 's-aaaaaa',
    action,
    target: 'm-1',
    outcome: 'ok',
    ...overrides,
  };
}

describe('AuditLog', () => {
  let log: AuditLog;
  let control: ControlStore;
  let appends: () => number;
  beforeEach(() => {
    ({ control, appends } = openControl());
    log = new AuditLog(control.audit);
  });

  it('record - answers only once its entry is stored', async () => {
    await log.record(entry('message.post'));
    expect(await log.query({})).toHaveLength(1);
  });

  it('record - entries of one turn are stored in one write', async () => {
    await Promise.all([log.record(entry('message.post')), log.record(entry('document.upload')), log.record(entry('task.claim'))]);
    expect(appends()).toBe(1);
    await log.record(entry('task.complete'));
    expect(appends()).toBe(2);
    expect(await log.query({})).toHaveLength(4);
  });

  it('record - when the store cannot take a batch, every caller in it is told', async () => {
    await control.close();
    const outcomes = await Promise.allSettled([log.record(entry('message.post')), log.record(entry('task.claim'))]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
  });

  it('flush - writes what is waiting without waiting for the next turn', async () => {
    const recorded = log.record(entry('message.post'));
    await log.flush();
    expect(await control.audit.query({ limit: 10 })).toHaveLength(1);
    await recorded;
    expect(appends()).toBe(1);
  });

  it('query - newest first, in the shape of the API', async () => {
    const first = entry('message.post', { target: 'm-1' });
    const second = entry('task.cancel', { target: null, outcome: 'denied' });
    const third = entry('token.create', { workspace: null, sessionId: null, tokenName: 'local-admin', tokenId: 't-admin1', target: 't-new111', detail: 'agent in default' });
    for (const e of [first, second, third]) await log.record(e);
    const entries = await log.query({});
    expect(entries.map((e) => e.action)).toEqual(['token.create', 'task.cancel', 'message.post']);
    expect(entries[0]).toEqual({
      id: 3,
      timestamp: new Date(third.at).toISOString(),
      workspace: null,
      token_id: 't-admin1',
      token_name: 'local-admin',
      session_id: null,
      action: 'token.create',
      target: 't-new111',
      outcome: 'ok',
      detail: 'agent in default',
    });
    expect(entries[1]).toMatchObject({ id: 2, action: 'task.cancel', target: null, outcome: 'denied', session_id: 's-aaaaaa' });
    expect(entries[1]).not.toHaveProperty('detail');
  });

  it('query - filters by workspace, token, session and action, together', async () => {
    await log.record(entry('message.post'));
    await log.record(entry('message.post', { sessionId: 's-bbbbbb' }));
    await log.record(entry('message.post', { tokenId: 't-other1', sessionId: 's-cccccc' }));
    await log.record(entry('task.claim'));
    await log.record(entry('message.post', { workspace: 'alpha' }));
    const ids = async (raw: Record<string, string>) => (await log.query(raw)).map((e) => e.id);
    expect(await ids({ session: 's-aaaaaa' })).toEqual([5, 4, 1]);
    expect(await ids({ token: 't-other1' })).toEqual([3]);
    expect(await ids({ action: 'message.post' })).toEqual([5, 3, 2, 1]);
    expect(await ids({ workspace: 'alpha' })).toEqual([5]);
    expect(await ids({ workspace: 'default', session: 's-aaaaaa', action: 'message.post' })).toEqual([1]);
  });

  it('query - after an id: only later entries, oldest first, as a cursor pages forward', async () => {
    for (let i = 0; i < 5; i++) await log.record(entry(`message.post`));
    expect((await log.query({ after: '2' })).map((e) => e.id)).toEqual([3, 4, 5]);
    expect((await log.query({ after: '2', limit: '2' })).map((e) => e.id)).toEqual([3, 4]);
    expect((await log.query({ limit: '2' })).map((e) => e.id)).toEqual([5, 4]);
  });

  it.each([
    ['limit', { limit: '0' }],
    ['limit', { limit: '1001' }],
    ['limit', { limit: 'lots' }],
    ['after', { after: '-1' }],
    ['session', { session: 's'.repeat(101) }],
  ])('query - a bad %s is refused, naming it', async (field, raw) => {
    const error = await log.query(raw).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BatonError);
    expect((error as BatonError).field).toBe(field);
  });

  it('prune - forgets entries older than the time kept, and nothing when told to keep everything', async () => {
    const { control } = openControl();
    const log = new AuditLog(control.audit);
    await log.record({ at: 1_000, workspace: 'default', tokenId: 't-a', tokenName: 'a', sessionId: null, action: 'old', target: null, outcome: 'ok' });
    await log.record({ at: 9_000, workspace: 'default', tokenId: 't-a', tokenName: 'a', sessionId: null, action: 'new', target: null, outcome: 'ok' });
    expect(await log.prune(10_000, 0)).toBe(0);
    expect(await log.prune(10_000, 5_000)).toBe(1);
    expect((await log.query({})).map((e) => e.action)).toEqual(['new']);
  });
});
