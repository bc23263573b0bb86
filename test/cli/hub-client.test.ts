import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HubClient, HubClientError, HubUnreachableError, type WaitOutcome } from '../../src/client/index.js';
import { waitInLegs, type WaitOptions } from '../../src/client/wait-legs.js';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import { tempDir } from '../support/temp-dir.js';
import { freePort } from './cli-process.js';
import { tokenOf } from '../support/hub-tokens.js';

/** What a call threw, for asserting on it. */
async function refusal(call: Promise<unknown>): Promise<HubClientError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HubClientError);
  return error as HubClientError;
}

describe('HubClient', () => {
  let hub: HubProcess;
  let alice: HubClient;
  beforeAll(async () => {
    hub = await startHubProcess();
    alice = new HubClient({ url: `${hub.url}/`, token: tokenOf(hub.url) });
    await alice.register({ name: 'alice', client: 'worker' });
  });

  it('client - register with the resume token returns the same session, and the client acts as it', async () => {
    const first = new HubClient({ url: hub.url, token: tokenOf(hub.url) });
    const registered = await first.register({ name: 'worker-1' });
    expect(registered).toMatchObject({ success: true, resumed: false, session: { name: 'worker-1' } });
    const again = new HubClient({ url: hub.url, token: tokenOf(hub.url) });
    const resumed = await again.register({ name: 'worker-1', resume_token: registered.resume_token });
    expect(resumed).toMatchObject({ resumed: true, session: { id: registered.session.id } });
    expect(again.session).toBe(registered.session.id);
    expect((await again.whoami()).id).toBe(registered.session.id);
    const byId = new HubClient({ url: hub.url, session: registered.session.id, token: tokenOf(hub.url) });
    expect((await byId.post('general', { title: 'hello' })).message.sender_id).toBe(registered.session.id);
  });

  it('client - a hub refusal is a HubClientError with its code, HTTP status, field and message', async () => {
    const missing = await refusal(alice.post('nowhere', { title: 'x' }));
    expect(missing).toMatchObject({ code: 'not_found', status: 404, message: "Channel 'nowhere' not found" });
    const badPath = await refusal(alice.upload({ path: '../x', content: 'x' }));
    expect(badPath).toMatchObject({ code: 'invalid_input', status: 400, field: 'path' });
    const large = await refusal(alice.post('general', { title: 'big', body: 'x'.repeat(20_000) }));
    expect(large).toMatchObject({ code: 'too_large', status: 413, field: 'message' });
    const anonymous = await refusal(new HubClient({ url: hub.url, token: tokenOf(hub.url) }).status());
    expect(anonymous).toMatchObject({ code: 'unauthenticated', status: 401 });
  });

  it('client - nothing answering is a HubUnreachableError naming the URL', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const error = await refusal(new HubClient({ url }).health());
    expect(error).toBeInstanceOf(HubUnreachableError);
    expect(error).toMatchObject({ code: 'unreachable', status: 0 });
    expect(error.message).toMatch(new RegExp(`^no hub answers at ${url} \\(ECONNREFUSED\\)$`));
  });

  it('client - channels, posts, reads by cursor, threads and single messages', async () => {
    const channel = await alice.createChannel('client-reads', 'for this test');
    expect(channel).toMatchObject({ name: 'client-reads', description: 'for this test' });
    expect((await alice.channels()).map((c) => c.name)).toContain('client-reads');
    const root = await alice.post('#Client-Reads', { title: '🔄 Handoff: A', body: '**Task:** A' });
    const reply = await alice.post('client-reads', { title: '✋ Claimed', reply_to: root.message.id });
    const all = await alice.read('client-reads', { since: '0' });
    expect(all.messages.map((m) => m.id)).toEqual([root.message.id, reply.message.id]);
    expect((await alice.read('client-reads', { since: root.cursor })).messages.map((m) => m.id)).toEqual([reply.message.id]);
    expect((await alice.read('client-reads', { thread: reply.message.id })).messages).toHaveLength(2);
    expect(await alice.message(reply.message.id)).toMatchObject({ reply_to: root.message.id, thread_id: root.message.id });
    const status = await alice.status();
    expect(status.session.name).toBe('alice');
    expect((await alice.sessions()).map((s) => s.name)).toContain('alice');
  });

  it('client - wait returns when a matching message is posted', async () => {
    const watcher = new HubClient({ url: hub.url, token: tokenOf(hub.url) });
    await watcher.register({ name: 'on-call' });
    const { next_cursor } = await watcher.read('alerts');
    const woken = watcher.wait(['alerts', 'general'], { since: next_cursor, title: '^🚨', timeout: 60 });
    await alice.post('alerts', { title: 'ℹ️ fyi' });
    await alice.post('alerts', { title: '🚨 Alert: disk full' });
    const outcome = await woken;
    expect(outcome).toMatchObject({ timed_out: false, messages: [{ title: '🚨 Alert: disk full', channel: 'alerts' }] });
  });

  it('client - documents stream up and down, list, version, move, delete and restore', async () => {
    const dir = tempDir();
    const bytes = randomBytes(300_000);
    const source = join(dir, 'data.bin');
    writeFileSync(source, bytes);
    const uploaded = await alice.uploadFile(source, { folder_path: 'Amplifier/data' });
    expect(uploaded.document).toMatchObject({ path: 'Amplifier/data/data.bin', size: bytes.length, content_type: 'application/octet-stream' });
    const target = join(dir, 'copy.bin');
    const saved = await alice.download(uploaded.document.web_url, target);
    expect(saved).toMatchObject({ document_id: uploaded.document.id, version: 1, size: bytes.length, name: 'data.bin', file: target });
    expect(readFileSync(target).equals(bytes)).toBe(true);

    async function* chunks() {
      yield Buffer.from('streamed ');
      yield Buffer.from('text');
    }
    const streamed = await alice.uploadStream(chunks(), { path: 'Amplifier/data/data.bin', if_match: 1 });
    expect(streamed.version).toMatchObject({ version: 2, size: 13 });
    expect((await alice.downloadText('Amplifier/data/data.bin')).content).toBe('streamed text');
    expect((await alice.downloadText(uploaded.document.id, { version: 1, max_chars: 100 })).encoding).toBe('base64');
    const conflict = await refusal(alice.upload({ path: 'Amplifier/data/data.bin', content: 'late', if_match: 1 }));
    expect(conflict).toMatchObject({ code: 'conflict', status: 409 });

    expect((await alice.versions(uploaded.document.id)).versions.map((v) => v.version)).toEqual([1, 2]);
    expect((await alice.listDocuments('Amplifier')).documents).toContainEqual(expect.objectContaining({ name: 'data', is_folder: true }));
    expect((await alice.listDocuments('Amplifier', { recursive: true })).documents.map((d) => d.path)).toContain('Amplifier/data/data.bin');
    expect((await alice.move(uploaded.document.id, 'Amplifier/shared/data.bin')).document.path).toBe('Amplifier/shared/data.bin');
    expect(await alice.delete('Amplifier/shared/data.bin')).toMatchObject({ success: true, deleted: uploaded.document.id });
    expect(await refusal(alice.openDownload(uploaded.document.id))).toMatchObject({ code: 'not_found', status: 404 });
    expect((await alice.restore(uploaded.document.id)).document.path).toBe('Amplifier/shared/data.bin');
  });
});

describe('waits longer than one request', () => {
  const outcome = (next: string, timedOut: boolean): WaitOutcome => ({ channels: ['general'], messages: [], next_cursor: next, timed_out: timedOut });

  it('wait - a long wait is made of legs, each continuing after the cursor the last one reached', async () => {
    const legs: WaitOptions[] = [];
    const result = await waitInLegs({ since: '5', timeout: 600, title: '^✅' }, async (leg) => {
      legs.push(leg);
      return outcome(String(10 + legs.length), true);
    });
    expect(legs).toEqual([
      { since: '5', timeout: 240, title: '^✅' },
      { since: '11', timeout: 240, title: '^✅' },
      { since: '12', timeout: 120, title: '^✅' },
    ]);
    expect(result.next_cursor).toBe('13');
  });

  it('wait - legs stop at the first one that brings news, and without a cursor keep using the unread cursor', async () => {
    const legs: WaitOptions[] = [];
    const result = await waitInLegs({ timeout: 1000 }, async (leg) => {
      legs.push(leg);
      return outcome('7', legs.length < 2);
    });
    expect(legs).toEqual([
      { since: undefined, timeout: 240 },
      { since: undefined, timeout: 240 },
    ]);
    expect(result.timed_out).toBe(false);
  });
});
