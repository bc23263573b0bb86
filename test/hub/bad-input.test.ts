import { describe, expect, it } from 'vitest';
import type { Caller } from '../../src/hub/hub.js';
import { AGENT, type TestHub } from '../support/test-hub.js';
import { hubForTest } from './support/hub.js';
import { refusedAndNothingStored, stored } from './support/stored.js';

/** Every hub operation that takes a request, called with `raw` as its whole input. */
function operations(t: TestHub, caller: Caller): [string, (raw: unknown) => Promise<unknown>][] {
  const { hub } = t;
  return [
    ['sessions.register', (raw) => hub.sessions.register(raw, AGENT)],
    ['sessions.list', (raw) => hub.sessions.list(raw)],
    ['channels.create', (raw) => hub.channels.create(caller, raw)],
    ['messages.post', (raw) => hub.messages.post(caller, raw)],
    ['reads.read', (raw) => hub.reads.read(caller, raw)],
    ['waits.wait', (raw) => hub.waits.wait(caller, raw)],
    ['documents.upload', (raw) => hub.documents.upload(caller, raw)],
    ['documents.uploadStream', (raw) => hub.documents.uploadStream(caller, raw, [Buffer.from('x')])],
    ['documents.download', (raw) => hub.documents.download(raw)],
    ['documents.open', (raw) => hub.documents.open(raw)],
    ['documents.versions', (raw) => hub.documents.versions(raw)],
    ['documents.list', (raw) => hub.documents.list(raw)],
    ['documents.move', (raw) => hub.documents.move(caller, raw)],
    ['documents.remove', (raw) => hub.documents.remove(caller, raw)],
    ['documents.restore', (raw) => hub.documents.restore(caller, raw)],
  ];
}

describe('bad input', () => {
  it('bad input - a request that is not an object is refused by every operation, naming the input', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice', 'coordinator');
    for (const [name, call] of operations(t, alice)) {
      for (const raw of ['text', 42, ['an', 'array'], true]) {
        await refusedAndNothingStored(t, () => call(raw), { code: 'invalid_input', field: 'input', says: 'must be an object' }).catch((e: Error) => {
          throw new Error(`${name}(${JSON.stringify(raw)}): ${e.message}`);
        });
      }
    }
  });

  it('bad input - an empty request is refused by every operation that needs a field, naming that field', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice', 'coordinator');
    const required: Record<string, string> = {
      'sessions.register': 'name',
      'channels.create': 'name',
      'messages.post': 'channel',
      'reads.read': 'channel',
      'waits.wait': 'channels',
      'documents.upload': 'content',
      'documents.uploadStream': 'file_name',
      'documents.download': 'document_id',
      'documents.open': 'document_id',
      'documents.versions': 'document_id',
      'documents.move': 'document_id',
      'documents.remove': 'document_id',
      'documents.restore': 'document_id',
    };
    for (const [name, call] of operations(t, alice)) {
      const field = required[name];
      if (!field) continue;
      for (const raw of [{}, null, undefined]) {
        await refusedAndNothingStored(t, () => call(raw), { code: 'invalid_input', field, says: 'required' }).catch((e: Error) => {
          throw new Error(`${name}(${String(raw)}): ${e.message}`);
        });
      }
    }
  });

  it('bad input - register refuses blank, long or controlled names and unknown kinds', async () => {
    const t = await hubForTest();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ name: '' }, 'name', 'at least 1'],
      [{ name: '   ' }, 'name', 'at least 1'],
      [{ name: 'n'.repeat(81) }, 'name', 'at most 80'],
      [{ name: 'bell\u0007' }, 'name', 'control characters'],
      [{ name: 7 }, 'name', 'must be a string'],
      [{ name: 'ok', role: 'r'.repeat(81) }, 'role', 'at most 80'],
      [{ name: 'ok', client: 'c\u0000' }, 'client', 'control characters'],
      [{ name: 'ok', kind: 'robot' }, 'kind', '"agent", "human"'],
      [{ name: 'ok', resume_token: 't'.repeat(201) }, 'resume_token', 'at most 200'],
    ];
    for (const [input, field, says] of cases) {
      await refusedAndNothingStored(t, () => t.hub.sessions.register(input, AGENT), { code: 'invalid_input', field, says });
    }
    expect((await stored(t)).rows.sessions).toBe(0);
  });

  it('bad input - a name is stored trimmed, so resuming with the same words works', async () => {
    const t = await hubForTest();
    const first = await t.hub.sessions.register({ name: '  worker-a ' }, AGENT);
    expect(first.session.name).toBe('worker-a');
    expect((await t.hub.sessions.register({ name: 'worker-a', resume_token: first.resumeToken }, AGENT)).session.id).toBe(first.session.id);
  });

  it('bad input - list limits are bounded', async () => {
    const t = await hubForTest();
    await refusedAndNothingStored(t, () => t.hub.sessions.list({ limit: 0 }), { code: 'invalid_input', field: 'limit', says: 'at least 1' });
    await refusedAndNothingStored(t, () => t.hub.sessions.list({ limit: 501 }), { code: 'invalid_input', field: 'limit', says: 'at most 500' });
  });

  it('bad input - post refuses wrong types naming the field', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const cases: [Record<string, unknown>, string, string][] = [
      [{ channel: 'general', title: 5 }, 'title', 'must be a string'],
      [{ channel: 'general', body: { text: 'x' } }, 'body', 'must be a string'],
      [{ channel: 'general', title: 'x', reply_to: 12 }, 'reply_to', 'must be a string'],
      [{ channel: 'general', title: 'x', reply_to: 'm-'.padEnd(41, '1') }, 'reply_to', 'at most 40'],
      [{ channel: '', title: 'x' }, 'channel', 'at least 1'],
    ];
    for (const [input, field, says] of cases) {
      await refusedAndNothingStored(t, () => t.hub.messages.post(alice, input), { code: 'invalid_input', field, says });
    }
  });
});
