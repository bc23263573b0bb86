import { beforeAll, describe, expect, it } from 'vitest';
import type { HubClient } from '../../src/client/hub-client.js';
import type { HubProcess } from '../support/hub-process.js';
import { handOff, leadHub } from './support/lead.js';
import type { TaskWatch } from './support/task-watch.js';
import { startWorker } from './support/worker-process.js';

describe('baton worker: three workers, twenty handoffs', () => {
  let hub: HubProcess;
  let lead: HubClient;
  let watch: TaskWatch;

  beforeAll(async () => {
    ({ hub, lead, watch } = await leadHub());
  });

  it('each handoff is claimed once and completed once, whoever wins it', async () => {
    const workers = ['one', 'two', 'three'].map((name) => startWorker(hub.url, ['--name', `racer-${name}`]));
    await Promise.all(workers.map((w) => w.line(/^watching /)));
    const ids: string[] = [];
    for (let i = 1; i <= 20; i++) ids.push(await handOff(lead, { task: `Job ${i}` }));

    const done = await Promise.all(ids.map((id) => watch.until(id, (t) => t.state === 'completed')));
    expect(done.map((t) => t.claim)).toEqual(ids.map(() => 1));
    expect(new Set(done.map((t) => t.holder))).not.toContain(null);
    for (const worker of workers) worker.process.kill('SIGTERM');
    for (const worker of workers) expect((await worker.exited).code).toBe(0);

    const completedLines = workers.flatMap((w) => w.lines.filter((l) => l.startsWith('completed ')).map((l) => l.split(' ')[1]));
    expect(completedLines.sort()).toEqual([...ids].sort());
    const claimedLines = workers.flatMap((w) => w.lines.filter((l) => l.startsWith('claimed ')).map((l) => l.split(' ')[1]));
    expect(claimedLines.sort()).toEqual([...ids].sort());
    const general = (await lead.read('general', { limit: 200 })).messages.map((m) => m.title);
    for (let i = 1; i <= 20; i++) expect(general.filter((t) => t === `✅ Complete: Job ${i}`), `Job ${i}`).toHaveLength(1);
    for (const [i, id] of ids.entries()) {
      const thread = (await lead.read('handoffs', { thread: id })).messages.map((m) => m.title);
      expect(thread.filter((t) => t.startsWith('✋ Claimed')), `Job ${i + 1}`).toHaveLength(1);
    }
  });
});
