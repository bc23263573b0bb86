import { describe, expect, it } from 'vitest';
import { freePort } from '../cli/cli-process.js';
import { startHubProcess } from '../support/hub-process.js';
import { tempDir } from '../support/temp-dir.js';
import { handOff, leadOf } from './support/lead.js';
import { TaskWatch } from './support/task-watch.js';
import { startWorker } from './support/worker-process.js';

describe('baton worker and a hub that goes away', () => {
  it('the hub restarts: the worker reconnects with backoff, reads what is open again, and takes the next handoff', async () => {
    const port = await freePort();
    const dataDir = tempDir('baton-hub-');
    const before = await startHubProcess({ dataDir, args: ['--port', String(port)] });
    const worker = startWorker(before.url, ['--name', 'steady']);
    await worker.line(/^watching /);
    expect(await before.stop('SIGTERM')).toBe(0);
    await worker.line(/^lost the hub's stream \(.+\): reconnecting in \d+\.\d s$/);

    const after = await startHubProcess({ dataDir, args: ['--port', String(port)] });
    expect(after.url).toBe(before.url);
    const lead = await leadOf(after.url);
    const watch = await TaskWatch.open(lead, after.url);
    const id = await handOff(lead, { task: 'After the restart' });
    expect(await watch.until(id, (t) => t.state === 'completed')).toMatchObject({ holder: 'steady' });
    expect(worker.lines.filter((l) => l.startsWith('watching ')).length).toBeGreaterThanOrEqual(2);
    worker.process.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);
  });
});
