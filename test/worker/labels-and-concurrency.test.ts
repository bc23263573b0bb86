import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HubClient } from '../../src/client/hub-client.js';
import type { HubProcess } from '../support/hub-process.js';
import { fileAppears, slowAgents } from './support/files.js';
import { handOff, leadHub } from './support/lead.js';
import type { TaskWatch } from './support/task-watch.js';
import { startWorker } from './support/worker-process.js';

describe('baton worker: which handoffs it takes, and how many at once', () => {
  let hub: HubProcess;
  let lead: HubClient;
  let watch: TaskWatch;

  beforeAll(async () => {
    ({ hub, lead, watch } = await leadHub());
  });

  it('a worker with --label reviewer leaves writer and unlabelled handoffs alone; one without labels takes them all', async () => {
    const reviewer = startWorker(hub.url, ['--label', 'reviewer', '--name', 'reviewer']);
    await reviewer.line(/^watching /);
    const writing = await handOff(lead, { task: 'Write the guide', labels: ['writer'] });
    const plain = await handOff(lead, { task: 'Tidy up' });
    const review = await handOff(lead, { task: 'Review the guide', labels: ['reviewer'] });
    // The reviewer was idle when the two older handoffs came: had it wanted them, it would have taken them first.
    expect(await watch.until(review, (t) => t.state === 'completed')).toMatchObject({ holder: 'reviewer' });
    expect((await lead.task(writing)).state).toBe('open');
    expect((await lead.task(plain)).state).toBe('open');
    expect(reviewer.lines.filter((l) => l.startsWith('claimed '))).toEqual([`claimed ${review} "Review the guide"`]);
    reviewer.process.kill('SIGTERM');
    expect((await reviewer.exited).code).toBe(0);

    const anyone = startWorker(hub.url, ['--name', 'anyone']);
    const another = await handOff(lead, { task: 'Review the index', labels: ['reviewer'] });
    for (const id of [writing, plain, another]) expect(await watch.until(id, (t) => t.state === 'completed')).toMatchObject({ holder: 'anyone' });
    anyone.process.kill('SIGTERM');
    expect((await anyone.exited).code).toBe(0);
  });

  it('--concurrency 2 runs two commands at once and claims a third only when one has finished', async () => {
    const agents = slowAgents();
    const { marks } = agents;
    const worker = startWorker(hub.url, ['--concurrency', '2', '--name', 'pair'], agents.env);
    await worker.line(/^watching /);
    const [first, second, third] = [await handOff(lead, { task: 'Part 1' }), await handOff(lead, { task: 'Part 2' }), await handOff(lead, { task: 'Part 3' })];
    // Both commands are running at the same moment: each wrote its mark and waits for the gate.
    await Promise.all([fileAppears(join(marks, `${first}.started`)), fileAppears(join(marks, `${second}.started`))]);
    expect(worker.lines.filter((l) => l.startsWith('claimed '))).toEqual([`claimed ${first} "Part 1"`, `claimed ${second} "Part 2"`]);
    expect((await lead.task(third)).state).toBe('open');

    agents.open();
    for (const id of [first, second, third]) expect(await watch.until(id, (t) => t.state === 'completed')).toMatchObject({ holder: 'pair' });
    const claimedThird = worker.lines.indexOf(`claimed ${third} "Part 3"`);
    const firstDone = worker.lines.findIndex((l) => l.startsWith('completed '));
    expect(firstDone).toBeGreaterThanOrEqual(0);
    expect(claimedThird).toBeGreaterThan(firstDone);
    worker.process.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);
  });
});
