import { beforeAll, describe, expect, it } from 'vitest';
import type { HubClient } from '../../src/client/hub-client.js';
import type { HubProcess } from '../support/hub-process.js';
import { handOff, leadHub } from './support/lead.js';
import type { TaskWatch } from './support/task-watch.js';
import { startWorker } from './support/worker-process.js';

describe('baton worker: a command that fails fails its task', () => {
  let hub: HubProcess;
  let lead: HubClient;
  let watch: TaskWatch;

  beforeAll(async () => {
    ({ hub, lead, watch } = await leadHub());
  });

  it('a non-zero exit fails the task with the end of stderr, and alerts gets 🚨 Blocked; no stderr says how it exited', async () => {
    const worker = startWorker(hub.url, ['--name', 'unlucky', '--label', 'builder'], { AGENT_STDERR_LINES: '300' });
    const noisy = await handOff(lead, { task: 'Build the parser', labels: ['builder'], body: 'mode: fail' });
    const quiet = await handOff(lead, { task: 'Build the lexer', labels: ['builder'], body: 'mode: silent-fail' });

    const failed = await watch.until(noisy, (t) => t.state === 'failed');
    expect(failed.reason!.length).toBeLessThanOrEqual(2000);
    expect(failed.reason!.length).toBeGreaterThan(1900);
    expect(failed.reason).toMatch(/^…/);
    expect(failed.reason).toMatch(/\nerror line 299 of 300\nerror line 300 of 300$/);
    expect(failed.reason).not.toContain('error line 1 of 300\n');
    expect((await watch.until(quiet, (t) => t.state === 'failed')).reason).toBe('exited with code 5');

    const alerts = (await lead.read('alerts', { limit: 50 })).messages;
    expect(alerts.find((m) => m.title === '🚨 Blocked: Build the parser')?.content).toBe(failed.reason);
    expect(alerts.find((m) => m.title === '🚨 Blocked: Build the lexer')?.content).toBe('exited with code 5');
    await worker.line(new RegExp(`^failed ${noisy} in \\d+\\.\\d s: error line 300 of 300$`));
    await worker.line(new RegExp(`^failed ${quiet} in \\d+\\.\\d s: exited with code 5$`));
    worker.process.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);
    expect((await lead.read('general', { limit: 50 })).messages.at(-1)?.content).toMatch(/: 0 completed, 2 failed, 0 given back\.$/);
  });

  it('a command the shell cannot find fails the task with what the shell said', async () => {
    const worker = startWorker(hub.url, ['--name', 'misconfigured', '--label', 'missing', '--exec', 'no-such-agent-command --flag']);
    const id = await handOff(lead, { task: 'Run the missing agent', labels: ['missing'] });
    const failed = await watch.until(id, (t) => t.state === 'failed');
    expect(failed.reason).toMatch(/no-such-agent-command.*not found/);
    worker.process.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);
  });
});
