import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HubClient } from '../../src/client/hub-client.js';
import { atFileEnd } from '../support/cleanup.js';
import type { HubProcess } from '../support/hub-process.js';
import { fileAppears, killIfAlive, pidIn, slowAgents, type SlowAgent } from './support/files.js';
import { handOff, leadHub } from './support/lead.js';
import type { TaskWatch } from './support/task-watch.js';
import { startWorker } from './support/worker-process.js';

describe('baton worker keeps its leases, lets go of lost ones, and its lapsed ones are taken over', () => {
  let hub: HubProcess;
  let lead: HubClient;
  let watch: TaskWatch;
  let agents: SlowAgent;

  beforeAll(async () => {
    ({ hub, lead, watch } = await leadHub());
  });

  it('--lease 2 with a command that runs past the lease: renewed with its claim number, never lapses, completed', async () => {
    agents = slowAgents();
    const worker = startWorker(hub.url, ['--lease', '2', '--name', 'patient'], agents.env);
    const id = await handOff(lead, { task: 'Long analysis' });
    const claimed = await watch.until(id, (t) => t.state === 'claimed');
    const claimedAt = Date.parse(claimed.claimed_at!);
    expect(Date.parse(claimed.lease_expires_at!) - claimedAt).toBe(2000);
    // Renewed well past the first lease's end, still under the same claim: the lease was kept, not lost and retaken.
    const renewed = await watch.until(id, (t) => Date.parse(t.lease_expires_at ?? '') >= claimedAt + 4500);
    expect(renewed).toMatchObject({ state: 'claimed', holder: 'patient', claim: claimed.claim });
    agents.open();
    const done = await watch.until(id, (t) => t.state === 'completed');
    expect(done).toMatchObject({ holder: 'patient', claim: claimed.claim });
    const alerts = (await lead.read('alerts', { limit: 50 })).messages.map((m) => m.title);
    expect(alerts).not.toContain('⚠️ Lease expired: Long analysis');
    worker.process.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);
  });

  it('a lease lost to a reassignment: the command is stopped and the task left to its new holder, not completed', async () => {
    agents = slowAgents();
    const worker = startWorker(hub.url, ['--lease', '2', '--name', 'overruled'], agents.env);
    const id = await handOff(lead, { task: 'Contested work' });
    await fileAppears(join(agents.marks, `${id}.started`));
    const other = (await lead.sessions(100)).find((s) => s.name === 'lead')!;
    await lead.reassign(id, other.id);
    // The command was asked to stop.
    await fileAppears(join(agents.marks, `${id}.terminated`));
    await worker.line(new RegExp(`^lost ${id}: `));
    const task = await lead.task(id);
    expect(task).toMatchObject({ state: 'claimed', holder_id: other.id, result: null });
    const thread = (await lead.read('handoffs', { thread: id })).messages.map((m) => m.title);
    expect(thread.filter((t) => t.startsWith('✅') || t.startsWith('↩️') || t.startsWith('❌'))).toEqual([]);
    // Still a worker: it takes the next handoff.
    agents.open();
    const next = await handOff(lead, { task: 'Uncontested work' });
    expect(await watch.until(next, (t) => t.state === 'completed')).toMatchObject({ holder: 'overruled' });
    worker.process.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);
  });

  it('kill -9 of a worker holding a task: its lease lapses and a second worker completes the task', async () => {
    agents = slowAgents();
    const first = startWorker(hub.url, ['--lease', '2', '--name', 'doomed'], agents.env);
    const id = await handOff(lead, { task: 'Survive a crash' });
    const started = join(agents.marks, `${id}.started`);
    await fileAppears(started);
    // Its command lives on as an orphan waiting for the gate, as it would after a real crash.
    const orphan = pidIn(started);
    atFileEnd(() => killIfAlive(orphan));
    first.process.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    expect((await lead.task(id)).holder).toBe('doomed');

    const second = startWorker(hub.url, ['--name', 'rescuer']);
    const done = await watch.until(id, (t) => t.state === 'completed');
    expect(done).toMatchObject({ holder: 'rescuer', claim: 2 });
    expect(done.result).toContain('BATON_CLAIM=2');
    const alerts = (await lead.read('alerts', { limit: 50 })).messages;
    expect(alerts.find((m) => m.title === '⚠️ Lease expired: Survive a crash')?.content).toMatch(/^doomed \(s-[0-9a-z]+\) held /);
    second.process.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  });
});
