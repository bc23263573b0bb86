import { beforeAll, describe, expect, it } from 'vitest';
import { AdminClient } from '../../src/client/admin-client.js';
import type { HubClient } from '../../src/client/hub-client.js';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import { makeToken } from '../support/tokens.js';
import { handOff, leadOf } from './support/lead.js';
import { TaskWatch } from './support/task-watch.js';
import { startWorker } from './support/worker-process.js';

describe('baton worker takes a handoff, runs the command with its prompt, and completes it with the output', () => {
  let hub: HubProcess;
  let lead: HubClient;
  let watch: TaskWatch;
  let agentToken: string;
  const base = () => `${hub.url}/w/alpha`;

  beforeAll(async () => {
    hub = await startHubProcess();
    await new AdminClient(hub.url, hub.token).createWorkspace('alpha');
    agentToken = await makeToken(hub.url, 'agent', 'alpha');
    lead = await leadOf(hub.url, 'alpha');
    watch = await TaskWatch.open(lead, base());
  });

  it('a labelled handoff is claimed; the command gets its message body on stdin and the task in its env; the output is its document and result', async () => {
    const worker = startWorker(hub.url, ['-w', 'alpha', '--label', 'reviewer', '--name', 'reviewer-one'], { BATON_TOKEN: agentToken });
    const session = /^started worker reviewer-one \((s-[0-9a-z]+)\) in alpha: labels reviewer, 1 at once$/.exec(await worker.line(/^started /))?.[1];
    expect(session).toBeDefined();
    await worker.line(/^watching /);
    const prompt = 'Please review src/parser.ts\n\nFocus on error recovery.';
    const id = await handOff(lead, { task: 'Review parser', labels: ['reviewer', 'backend'], body: prompt });

    const done = await watch.until(id, (t) => t.state === 'completed');
    const expected = [
      `# Result of ${id}`,
      '',
      '## Prompt',
      prompt,
      '',
      '## Environment',
      `BATON_URL=${base()}`,
      `BATON_TOKEN=${agentToken}`,
      `BATON_SESSION=${session}`,
      'BATON_WORKSPACE=alpha',
      `BATON_TASK_ID=${id}`,
      'BATON_TASK_TITLE=Review parser',
      'BATON_TASK_LABELS=reviewer,backend',
      'BATON_CLAIM=1',
      '',
    ].join('\n');
    expect(done).toMatchObject({ holder: 'reviewer-one', holder_id: session, claim: 1, result: expected });
    const document = await lead.downloadText(`results/${id}.md`);
    expect(document.content).toBe(expected);
    expect(document.document.content_type).toMatch(/^text\/markdown/);
    expect(done.result_links).toEqual([document.document.web_url]);
    expect(await worker.line(new RegExp(`^completed ${id} in \\d+\\.\\d s$`))).toBeDefined();
    expect(worker.lines).toContain(`claimed ${id} "Review parser"`);

    const me = (await lead.sessions(100)).find((s) => s.id === session);
    expect(me).toMatchObject({ name: 'reviewer-one', client: 'baton-worker', kind: 'agent' });
    const general = (await lead.read('general', { limit: 50 })).messages.map((m) => m.title);
    expect(general).toContain('🚀 Starting: worker reviewer-one (labels reviewer)');
    expect(general).toContain('✅ Complete: Review parser');

    worker.process.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);
    expect((await lead.read('general', { limit: 50 })).messages.map((m) => m.title)).toContain('📢 worker reviewer-one stopping');
  });

  it('output longer than a result may be is cut in the result, which says so and points at the whole of it in the document', async () => {
    const worker = startWorker(hub.url, ['-w', 'alpha', '--name', 'long-writer'], { BATON_TOKEN: agentToken, AGENT_MODE: 'long', AGENT_LONG_CHARS: '30000' });
    const id = await handOff(lead, { task: 'Write a lot', body: 'everything' });
    const done = await watch.until(id, (t) => t.state === 'completed');
    const document = await lead.downloadText(`results/${id}.md`, { max_chars: 60_000 });
    expect(document.content.length).toBeGreaterThan(30_000);
    expect(document.content).toMatch(/\n0123456789(0123456789)+\n$/);
    expect(done.result!.length).toBeLessThanOrEqual(8000);
    expect(document.content.startsWith(done.result!.slice(0, 7000))).toBe(true);
    const note = `… (cut: the output is ${Buffer.byteLength(document.content)} bytes; the whole output is at ${document.document.web_url})`;
    expect(done.result!.endsWith(note)).toBe(true);
    expect(done.result_links).toEqual([document.document.web_url]);
    worker.process.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);
  });

  it('a missing --exec, a bad --concurrency, --lease or --name: one line naming the flag, exit 1, no session left behind', async () => {
    const cases: [string[], RegExp][] = [
      [['--exec', '', '--name', 'bad-1'], /^baton: --exec: is required: the command to run for each handoff$/],
      [['--exec', 'cat', '--concurrency', 'two', '--name', 'bad-2'], /^baton: --concurrency: must be a whole number from 1 to 64 \(got 'two'\)$/],
      [['--exec', 'cat', '--concurrency', '0', '--name', 'bad-3'], /^baton: --concurrency: must be a whole number from 1 to 64 \(got '0'\)$/],
      [['--exec', 'cat', '--lease', '1.5', '--name', 'bad-4'], /^baton: --lease: must be a whole number of seconds, at least 1 \(got '1.5'\)$/],
      [['--exec', 'cat', '--name', ' '], /^baton: --name: must be 1 to 80 characters without control characters$/],
    ];
    for (const [args, reason] of cases) {
      const worker = startWorker(hub.url, ['-w', 'alpha', ...args], { BATON_TOKEN: agentToken });
      expect((await worker.exited).code, args.join(' ')).toBe(1);
      expect(worker.lines).toEqual([]);
      expect(worker.stderr().trimEnd().split('\n'), args.join(' ')).toEqual([expect.stringMatching(reason)]);
    }
    const missing = startWorker(hub.url, ['-w', 'alpha', '--name', 'bad-5', '--exec']);
    expect((await missing.exited).code).toBe(1);
    expect(missing.stderr()).toMatch(/^baton: option '--exec <command>' argument missing/);
    const names = (await lead.sessions(500)).map((s) => s.name);
    expect(names.filter((n) => n.startsWith('bad-'))).toEqual([]);
  });

  it('a lease over the hub\'s maximum stops the worker at its first claim with the flag named, and the task stays open', async () => {
    const worker = startWorker(hub.url, ['-w', 'alpha', '--name', 'greedy', '--lease', '999999'], { BATON_TOKEN: agentToken });
    await worker.line(/^watching /);
    const id = await handOff(lead, { task: 'Too long a lease' });
    expect((await worker.exited).code).toBe(1);
    expect(worker.stderr()).toMatch(/^baton: --lease: must be at most 14400\n$/);
    expect((await lead.task(id)).state).toBe('open');
  });
});
