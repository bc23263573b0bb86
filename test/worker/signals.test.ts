import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HubClient } from '../../src/client/hub-client.js';
import { atFileEnd } from '../support/cleanup.js';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import { fileAppears, killIfAlive, pidIn, slowAgents } from './support/files.js';
import { handOff, leadOf } from './support/lead.js';
import { startWorker } from './support/worker-process.js';

describe('baton worker stopping: SIGTERM and Ctrl-C', () => {
  let hub: HubProcess;
  let lead: HubClient;

  beforeAll(async () => {
    hub = await startHubProcess();
    lead = await leadOf(hub.url);
  });

  it('SIGTERM while commands run: each is sent SIGTERM, every task is released (open, no holder), the stop is announced, exit 0', async () => {
    const { marks, env } = slowAgents('slow');
    const worker = startWorker(hub.url, ['--concurrency', '2', '--name', 'leaving'], env);
    const ids = [await handOff(lead, { task: 'Half done 1' }), await handOff(lead, { task: 'Half done 2' })];
    await Promise.all(ids.map((id) => fileAppears(join(marks, `${id}.started`))));
    worker.process.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);
    for (const id of ids) {
      await fileAppears(join(marks, `${id}.terminated`));
      expect(await lead.task(id)).toMatchObject({ state: 'open', holder: null, holder_id: null, reason: 'worker leaving stopping' });
      expect(worker.lines).toContain(`released ${id}: worker leaving stopping`);
      const thread = (await lead.read('handoffs', { thread: id })).messages.map((m) => m.title);
      expect(thread).toContain('↩️ Released: ' + (id === ids[0] ? 'Half done 1' : 'Half done 2'));
    }
    const last = (await lead.read('general', { limit: 50 })).messages.at(-1);
    expect(last).toMatchObject({ title: '📢 worker leaving stopping', sender: 'leaving' });
    expect(last?.content).toMatch(/: 0 completed, 0 failed, 2 given back\.$/);
    expect(worker.lines.at(-1)).toBe('stopped: 0 completed, 0 failed, 2 released');
  });

  it('Ctrl-C, then Ctrl-C again while a command ignores SIGTERM: the worker leaves at once, without waiting out the grace period', async () => {
    const { marks, env } = slowAgents('stubborn');
    // Labelled: the tasks the first test gave back are open, and this worker must take this one.
    const worker = startWorker(hub.url, ['--name', 'impatient', '--label', 'stubborn'], env);
    const id = await handOff(lead, { task: 'Stubborn work', labels: ['stubborn'] });
    const started = join(marks, `${id}.started`);
    await fileAppears(started);
    const agent = pidIn(started);
    atFileEnd(() => killIfAlive(agent));
    worker.process.kill('SIGINT');
    // The command was asked to stop and ignored it; the worker is waiting out its grace period.
    await fileAppears(join(marks, `${id}.terminated`));
    await worker.line(/^stopping \(SIGINT\)$/);
    worker.process.kill('SIGINT');
    expect((await worker.exited).code).toBe(130);
    expect(worker.lines.some((l) => l.startsWith('released '))).toBe(false);
    // Left at once: nothing given back, the lease will lapse by itself.
    expect(await lead.task(id)).toMatchObject({ state: 'claimed', holder: 'impatient' });
  });
});
