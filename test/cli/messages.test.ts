import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import { tempDir } from '../support/temp-dir.js';
import { fails, ok, okJson, personAt, runCli, type CliEnv } from './cli-process.js';

/** A message line of `baton read`: id, time, sender (session), title. */
const line = (id: string, sender: string, title: string) =>
  new RegExp(`^${id}  (\\d{4}-\\d\\d-\\d\\d )?\\d\\d:\\d\\d  ${sender} \\(s-[0-9a-z]{6}\\)  ${title}$`, 'm');

describe('baton post, read, wait', () => {
  let hub: HubProcess;
  let alice: CliEnv;
  let bob: CliEnv;
  beforeAll(async () => {
    hub = await startHubProcess();
    alice = personAt(hub.url, { BATON_NAME: 'alice' });
    bob = personAt(hub.url, { BATON_NAME: 'bob' });
  });

  it('post - posts as the origin script did and prints the message id and link', async () => {
    const out = await ok(['post', 'general', '✅ Complete: X', 'Results in **bold**'], alice);
    expect(out).toMatch(/^posted m-[0-9a-z]+ to #general {2}http:\/\/127\.0\.0\.1:\d+\/m\/m-[0-9a-z]+\n$/);
  });

  it('post - --json prints the hub answer with the message and its cursor', async () => {
    const posted = await okJson(['post', '#General', '🚀 Starting: Y', 'Session alice'], alice);
    expect(posted).toMatchObject({ success: true, message: { channel: 'general', title: '🚀 Starting: Y', content: 'Session alice', sender: 'alice' } });
    expect(posted.cursor).toMatch(/^\d+$/);
  });

  it('post - the body can come from stdin or a file, and a reply joins the thread', async () => {
    const root = await okJson(['post', 'handoffs', '🔄 Handoff: API'], alice, undefined);
    const fromStdin = await okJson(['post', 'handoffs', '✋ Claimed', '-', '--reply-to', root.message.id], bob, 'claimed by bob\n');
    expect(fromStdin.message).toMatchObject({ content: 'claimed by bob\n', reply_to: root.message.id, thread_id: root.message.id });
    const file = join(tempDir(), 'body.md');
    writeFileSync(file, '**Task:** finish the API');
    const fromFile = await okJson(['post', 'handoffs', '🔄 Handoff: docs', '--file', file], alice);
    expect(fromFile.message.content).toBe('**Task:** finish the API');
    const thread = await okJson(['read', 'handoffs', '--thread', root.message.id], bob);
    expect(thread.messages.map((m: { id: string }) => m.id)).toEqual([root.message.id, fromStdin.message.id]);
  });

  it('read - shows each message as id, time, sender, title, with the body indented', async () => {
    const channel = await freshChannel(alice, 'read-shape');
    await ok(['post', channel, '✅ Complete: X', 'line one\nline two'], alice);
    const out = await ok(['read', channel], bob);
    expect(out).toMatch(line('m-[0-9a-z]+', 'alice', '✅ Complete: X'));
    expect(out).toContain('\n    line one\n    line two\n');
    expect(out).toMatch(/\(next cursor: \d+\)\n$/);
  });

  it('read - text from others cannot send terminal escapes', async () => {
    const channel = await freshChannel(alice, 'escapes');
    await ok(['post', channel, 'hello', 'red \u001b[31mtext\u001b[0m'], alice);
    const out = await ok(['read', channel], bob);
    expect(out).not.toContain('\u001b');
    expect(out).toContain('red \ufffd[31mtext');
  });

  it('read - --limit, --since and --unread page through a channel without skipping', async () => {
    const channel = await freshChannel(alice, 'paging');
    for (const n of [1, 2, 3, 4, 5]) await ok(['post', channel, `note ${n}`], alice);
    const latest = await okJson(['read', channel, '--limit', '2'], bob);
    expect(latest.messages.map((m: { title: string }) => m.title)).toEqual(['note 4', 'note 5']);
    const first = await okJson(['read', channel, '--since', '0', '--limit', '3'], bob);
    expect(first.messages.map((m: { title: string }) => m.title)).toEqual(['note 1', 'note 2', 'note 3']);
    const rest = await okJson(['read', channel, '--since', first.next_cursor], bob);
    expect(rest.messages.map((m: { title: string }) => m.title)).toEqual(['note 4', 'note 5']);

    const carol = personAt(hub.url, { BATON_NAME: 'carol' });
    expect((await okJson(['read', channel, '--unread'], carol)).messages).toHaveLength(5);
    await ok(['post', channel, 'note 6'], alice);
    const unread = await okJson(['read', channel, '--unread'], carol);
    expect(unread.messages.map((m: { title: string }) => m.title)).toEqual(['note 6']);
    expect(await ok(['read', channel, '--unread'], carol)).toMatch(new RegExp(`^no messages in #${channel}\\n`));
  });

  it('wait - is woken by a post from another process', async () => {
    const channel = await freshChannel(alice, 'on-call');
    const { next_cursor } = await okJson(['read', channel], bob);
    const waiting = runCli(['wait', channel, 'alerts', '--since', next_cursor, '--title', '^🚨', '--timeout', '120'], bob);
    await ok(['post', channel, 'ℹ️ not this one'], alice);
    await ok(['post', channel, '🚨 Alert: disk full', 'Need: someone on call'], alice);
    const result = await waiting;
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^#${channel}  m-[0-9a-z]+  \\d\\d:\\d\\d  alice \\(s-[0-9a-z]{6}\\)  🚨 Alert: disk full$`, 'm'));
    expect(result.stdout).not.toContain('not this one');
  });

  it('wait - --json returns the hub answer, and a timeout says nothing came', async () => {
    const channel = await freshChannel(alice, 'quiet');
    const { next_cursor } = await okJson(['read', channel], bob);
    const quiet = await okJson(['wait', channel, '--since', next_cursor, '--timeout', '0'], bob);
    expect(quiet).toMatchObject({ channels: [channel], messages: [], timed_out: true, next_cursor });
    expect(await ok(['wait', channel, '--since', next_cursor, '--timeout', '0'], bob)).toBe(`nothing new in #${channel} within 0 s (next cursor: ${next_cursor})\n`);
    await ok(['post', channel, 'news'], alice);
    const news = await okJson(['wait', channel, '--since', next_cursor, '--timeout', '10'], bob);
    expect(news).toMatchObject({ timed_out: false, messages: [{ title: 'news', sender: 'alice' }] });
  });

  it('wait - without --since waits for what this session has not read, then marks it read', async () => {
    const channel = await freshChannel(alice, 'unread-wait');
    await ok(['post', channel, 'first'], alice);
    const dave = personAt(hub.url, { BATON_NAME: 'dave' });
    expect((await okJson(['wait', channel, '--timeout', '10'], dave)).messages.map((m: { title: string }) => m.title)).toEqual(['first']);
    expect(await okJson(['wait', channel, '--timeout', '0'], dave)).toMatchObject({ messages: [], timed_out: true });
  });

  it('channel - create and list, readable and --json', async () => {
    expect(await ok(['channel', 'create', 'Alpha-Review', '--description', 'Reviews of alpha'], alice)).toMatch(/^created #alpha-review {2}http:\/\/\S+\/c\/alpha-review\n$/);
    const created = await okJson(['channel', 'create', 'beta-review'], alice);
    expect(created).toMatchObject({ success: true, channel: { name: 'beta-review', description: '' } });
    const listed = await okJson(['channel', 'list'], bob);
    expect(listed.channels.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['general', 'alerts', 'handoffs', 'alpha-review', 'beta-review']));
    expect(await ok(['channel', 'list'], bob)).toMatch(/^#alpha-review +Reviews of alpha$/m);
  });

  it('status - shows channels with unread counts and the sessions online', async () => {
    const channel = await freshChannel(alice, 'status');
    await ok(['post', channel, 'one'], alice);
    await ok(['post', channel, 'two'], alice);
    const erin = personAt(hub.url, { BATON_NAME: 'erin' });
    const status = await okJson(['status'], erin);
    expect(status.session.name).toBe('erin');
    expect(status.channels.find((c: { name: string }) => c.name === channel).unread).toBe(2);
    expect(status.sessions.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['alice', 'erin']));
    await ok(['read', channel], erin);
    const out = await ok(['status'], erin);
    expect(out).toMatch(new RegExp(`^#${channel} +0$`, 'm'));
    expect(out).toMatch(/^s-[0-9a-z]{6}  erin +human  baton-cli  online  last seen/m);
  });

  it('whoami - names the session, readable and --json', async () => {
    const me = await okJson(['whoami'], alice);
    expect(me.session).toMatchObject({ name: 'alice', kind: 'human', client: 'baton-cli', presence: 'online' });
    expect(await ok(['whoami'], alice)).toMatch(new RegExp(`^${me.session.id}  alice  \\(human, baton-cli\\)  first seen .+\\nhub ${hub.url}\\n$`));
  });

  describe('bad input', () => {
    it('an unknown channel is refused and nothing is posted', async () => {
      await fails(['post', 'nowhere', 'hello', 'body'], alice, /Channel 'nowhere' not found/);
      await fails(['read', 'nowhere'], alice, /Channel 'nowhere' not found/);
      await fails(['wait', 'nowhere', '--timeout', '0'], alice, /Channel 'nowhere' not found/);
    });

    it('missing arguments and unknown options are refused with the usage to look up', async () => {
      await fails(['post', 'general'], alice, /missing required argument 'title' \(see baton post --help\)/);
      await fails(['read'], alice, /missing required argument 'channel'/);
      await fails(['wait'], alice, /missing required argument 'channel'/);
      await fails(['read', 'general', '--colour'], alice, /unknown option '--colour'/);
      await fails(['pots', 'general'], alice, /unknown command 'pots'/);
    });

    it('a message over the size limit is refused with the way to share it, and nothing is stored', async () => {
      const channel = await freshChannel(alice, 'too-large');
      const file = join(tempDir(), 'big.md');
      writeFileSync(file, 'x'.repeat(17 * 1024));
      await fails(['post', channel, 'big', '--file', file], alice, /over the 16384-byte limit: upload the text as a document/);
      expect((await okJson(['read', channel], bob)).messages).toEqual([]);
    });

    it('values the hub refuses name the field and the rule, and nothing is stored', async () => {
      const channel = await freshChannel(alice, 'refusals');
      await fails(['post', channel, ''], alice, /message: a title or a message body is required/);
      await fails(['post', channel, 'reply', '--reply-to', 'm-zzzzz'], alice, /reply_to: message 'm-zzzzz' not found/);
      await fails(['post', channel, 'both', 'body', '--file', 'x.md'], alice, /give the body as an argument or with --file, not both/);
      await fails(['read', channel, '--limit', 'many'], alice, /^baton: limit: /);
      await fails(['read', channel, '--since', 'yesterday'], alice, /^baton: since: must be a cursor/);
      await fails(['wait', channel, '--timeout', '-1'], alice, /^baton: timeout: must be at least 0/);
      await fails(['wait', channel, '--title', '(a+)+$', '--timeout', '0'], alice, /^baton: title: /);
      await fails(['channel', 'create', 'bad name!'], alice, /^baton: name: must be 1-80 characters/);
      await fails(['channel', 'create', 'general'], alice, /Channel 'general' already exists/);
      expect((await okJson(['read', channel], bob)).messages).toEqual([]);
    });
  });

  let channels = 0;
  /** A channel of its own for one test, so tests do not see each other's messages. */
  async function freshChannel(env: CliEnv, name: string): Promise<string> {
    const channel = `${name}-${++channels}`;
    await ok(['channel', 'create', channel], env);
    return channel;
  }
});
