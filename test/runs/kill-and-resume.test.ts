import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startHubProcess } from '../support/hub-process.js';
import { authedFetch } from '../support/hub-tokens.js';
import { tempDir } from '../support/temp-dir.js';
import { fileAppears, killIfAlive, pidIn, slowAgents } from '../worker/support/files.js';
import { startWorker } from '../worker/support/worker-process.js';
import { startRunner } from './support/runner-process.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

const tasksTitled = async (url: string, title: string): Promise<Record<string, any>[]> =>
  ((await (await authedFetch(`${url}/api/v1/tasks?kind=handoff&limit=500`, { headers: { 'x-baton-session-name': 'checker' } })).json()) as { tasks: Record<string, any>[] }).tasks.filter(
    (t) => t.task === title,
  );

describe('runs survive their processes dying', () => {
  it('a worker killed in the middle of a task: its lease expires, another worker completes the task, the run finishes', async () => {
    const hub = await startHubProcess();
    const { marks, env } = slowAgents();
    const runner = startRunner(hub.url, ['run', fixture('one-handoff.yaml'), '--json']);
    const doomed = startWorker(hub.url, ['--label', 'slow', '--lease', '2', '--name', 'doomed'], env);
    const claimed = await doomed.line(/^claimed (m-\S+)/);
    const task = /^claimed (m-\S+)/.exec(claimed)![1]!;
    await fileAppears(join(marks, `${task}.started`));
    doomed.process.kill('SIGKILL');
    killIfAlive(pidIn(join(marks, `${task}.started`)));
    const rescuer = startWorker(hub.url, ['--label', 'slow', '--name', 'rescuer']);
    await rescuer.line(new RegExp(`^completed ${task}`));
    const ended = await runner.exited;
    expect(ended.code, ended.stderr).toBe(0);
    const run = JSON.parse(ended.stdout) as Record<string, any>;
    expect(run.state).toBe('completed');
    const [done] = await tasksTitled(hub.url, 'one-handoff · work');
    expect(done).toMatchObject({ id: task, state: 'completed', holder: 'rescuer' });
  });

  it('a runner killed in the middle of a run: resume finishes it, no step runs twice and no handoff is posted again', async () => {
    const hub = await startHubProcess();
    const log = join(tempDir('baton-resume-'), 'steps.log');
    const first = startRunner(hub.url, ['run', fixture('resume-check.yaml'), '--input', `log=${log}`]);
    const waiting = await first.line(/⏳ write (m-\S+)/);
    const handoff = /⏳ write (m-\S+)/.exec(waiting)![1]!;
    first.process.kill('SIGKILL');
    await first.exited;

    const listed = await startRunner(hub.url, ['list', '--json']).exited;
    const run = (JSON.parse(listed.stdout) as Record<string, any>[])[0]!;
    expect(run).toMatchObject({ recipe: 'resume-check', state: 'running' });

    const worker = startWorker(hub.url, ['--label', 'writer']);
    await worker.line(new RegExp(`^completed ${handoff}`));
    const resumed = await startRunner(hub.url, ['resume', run.id, '--json']).exited;
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ id: run.id, state: 'completed' });
    expect(readFileSync(log, 'utf8')).toBe('prepared\nfinished\n');
    expect((await tasksTitled(hub.url, 'resume-check · write')).map((t) => t.id)).toEqual([handoff]);
  });
});
