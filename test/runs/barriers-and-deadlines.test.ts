import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startHubProcess } from '../support/hub-process.js';
import { connect } from '../support/mcp-client.js';
import { slowAgents } from '../worker/support/files.js';
import { startWorker } from '../worker/support/worker-process.js';
import { startRunner } from './support/runner-process.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const stepsOf = (run: Record<string, any>) => new Map<string, Record<string, any>>(run.steps.map((s: Record<string, any>) => [s.key, s]));

describe('barriers, claim deadlines and sub-recipes', () => {
  it('a barrier of at least 2 goes on with the two results it got, in input order, without waiting for the third', async () => {
    const hub = await startHubProcess();
    const slow = slowAgents();
    startWorker(hub.url, ['--label', 'reviewer', '--concurrency', '3'], { AGENT_MARKS: slow.marks, AGENT_GATE: slow.gate });
    const ended = await startRunner(hub.url, ['run', fixture('barrier.yaml'), '--input=modes=["echo","slow","echo"]', '--json']).exited;
    expect(ended.code, ended.stderr).toBe(0);
    const run = JSON.parse(ended.stdout) as Record<string, any>;
    expect(run.state).toBe('completed');
    const steps = stepsOf(run);
    // The slow part is still out when the run goes on; if not, its record says why.
    expect(steps.get('review[1]')!.state, JSON.stringify(steps.get('review[1]'))).toBe('waiting');
    expect((run.context.reviews as string[]).map((r) => /mode: (\w+)/.exec(r)![1])).toEqual(['echo', 'echo']);
    expect(steps.get('after')!.state).toBe('completed');
  });

  it('a barrier of at least 2 fails the run as soon as two of three have failed: it can no longer be met', async () => {
    const hub = await startHubProcess();
    startWorker(hub.url, ['--label', 'reviewer', '--concurrency', '3']);
    const ended = await startRunner(hub.url, ['run', fixture('barrier.yaml'), '--input=modes=["fail","echo","fail"]', '--json']).exited;
    expect(ended.code).toBe(1);
    const run = JSON.parse(ended.stdout) as Record<string, any>;
    expect(run).toMatchObject({ state: 'failed', error: expect.stringMatching(/review\[(0|2)\].*exited with code 3|error line/) });
    expect(stepsOf(run).has('after')).toBe(false);
  });

  it('a barrier that needs all fails the run with a non-zero exit when one cannot finish in time, and keeps the results it had', async () => {
    const hub = await startHubProcess();
    // The slow part waits on a gate that opens when the file ends, so its agent does not outlive the test.
    const slow = slowAgents();
    startWorker(hub.url, ['--label', 'reviewer', '--concurrency', '3'], { AGENT_MARKS: slow.marks, AGENT_GATE: slow.gate });
    const ended = await startRunner(hub.url, ['run', fixture('barrier-all.yaml'), '--input=modes=["echo","slow","echo"]', '--json']).exited;
    expect(ended.code).toBe(1);
    const run = JSON.parse(ended.stdout) as Record<string, any>;
    expect(run).toMatchObject({ state: 'failed', error: expect.stringMatching(/barrier not met: 2 of the 3 results it needs after 6 s/) });
    const steps = stepsOf(run);
    expect([steps.get('review[0]')!.state, steps.get('review[2]')!.state]).toEqual(['completed', 'completed']);
    expect(steps.get('review[0]')!.result).toContain('mode: echo');
    expect(steps.has('after')).toBe(false);
  });

  it('a handoff nobody claims within its deadline is escalated to alerts; cancelling the run ends the runner', async () => {
    const hub = await startHubProcess();
    const watcher = await connect(hub.url, 'on-call');
    const runner = startRunner(hub.url, ['run', fixture('unclaimed.yaml'), '--json']);
    const waiting = await runner.line(/⏳ lonely (m-\S+)/);
    const handoff = /⏳ lonely (m-\S+)/.exec(waiting)![1]!;
    const alert = await watcher.call('collab_channels', { operation: 'wait', channel_name: 'alerts', title: 'Nobody claimed', timeout: 20 });
    expect(alert.messages[0].title).toBe(`🚨 Alert: Nobody claimed unclaimed · lonely (${handoff}) within 1 s`);
    const listed = JSON.parse((await startRunner(hub.url, ['list', '--json']).exited).stdout) as Record<string, any>[];
    expect((await startRunner(hub.url, ['cancel', listed[0]!.id, '--reason', 'nobody around']).exited).code).toBe(0);
    const ended = await runner.exited;
    expect(ended.code).toBe(1);
    expect(JSON.parse(ended.stdout)).toMatchObject({ state: 'cancelled' });
    expect((await watcher.call('collab_tasks', { operation: 'get', task_id: handoff })).task.state).toBe('cancelled');
  });

  it('a recipe step runs its sub-recipe with only the context it is given, and takes its outputs as the result', async () => {
    const hub = await startHubProcess();
    const ended = await startRunner(hub.url, ['run', fixture('parent.yaml'), '--input', 'who=reviewers', '--json']).exited;
    expect(ended.code, ended.stderr).toBe(0);
    const run = JSON.parse(ended.stdout) as Record<string, any>;
    const steps = stepsOf(run);
    expect(steps.get('greet')!.result).toEqual({ message: 'hello reviewers' });
    expect(steps.get('greet/hello')!.result).toBe('hello reviewers');
    expect(steps.get('shout')!.result).toBe('hello reviewers!');
  });
});
