import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startHubProcess } from '../support/hub-process.js';
import { tempDir } from '../support/temp-dir.js';
import { startRunner } from './support/runner-process.js';

const RECIPE = fileURLToPath(new URL('./fixtures/release-flow.yaml', import.meta.url));

const stepsOf = (run: Record<string, any>) => new Map<string, Record<string, any>>(run.steps.map((s: Record<string, any>) => [s.key, s]));

describe("Amplifier's recipe schema: conditions, foreach with collect, while, retry, on_error, stages with an approval", () => {
  it('runs every feature, pauses for the approval, and goes on once it is given through the CLI', async () => {
    const hub = await startHubProcess();
    const counter = join(tempDir('baton-flow-'), 'attempts');
    const runner = startRunner(hub.url, ['run', RECIPE, '--input', `counter=${counter}`, '--json']);
    const paused = await runner.line(/⏸ build: (.*)\(baton recipe approve (r-\S+)/);
    const [, prompt, id] = /⏸ build: (.*)\(baton recipe approve (r-\S+), or deny\)/.exec(paused)!;
    expect(prompt!.trim()).toBe('Ship ["built-core","built-cli","built-web"]?');

    const waiting = JSON.parse((await startRunner(hub.url, ['status', id!, '--json']).exited).stdout) as Record<string, any>;
    expect(waiting).toMatchObject({ state: 'paused_for_approval', approval: { stage: 'build', decision: null } });
    expect(stepsOf(waiting).has('ship/ship')).toBe(false);

    const approved = await startRunner(hub.url, ['approve', id!, '--reason', 'looks right']).exited;
    expect(approved.code, approved.stderr).toBe(0);
    const ended = await runner.exited;
    expect(ended.code, ended.stderr).toBe(0);
    const run = JSON.parse(ended.stdout) as Record<string, any>;
    expect(run.state).toBe('completed');
    const steps = stepsOf(run);
    expect([0, 1, 2].map((i) => steps.get(`build/build-each[${i}]`)!.result)).toEqual(['built-core', 'built-cli', 'built-web']);
    expect(run.context.built).toEqual(['built-core', 'built-cli', 'built-web']);
    expect(steps.get('build/full-only')!.state).toBe('skipped');
    expect(steps.get('build/quick-only')!.result).toBe('quick');
    expect(steps.get('build/flaky')).toMatchObject({ state: 'completed', attempts: 3, result: 'ok-after-3' });
    expect(steps.get('build/broken')).toMatchObject({ state: 'failed', error: 'broken on purpose' });
    expect([0, 1, 2].map((round) => steps.get(`build/countdown#${round}`)!.result)).toEqual(['2', '1', '0']);
    expect(steps.has('build/countdown#3')).toBe(false);
    expect(run.context.shipped).toBe('shipped quick ok-after-3 0');
    expect(run.approval).toMatchObject({ stage: 'build', decision: 'approve' });
  });

  it('a denied approval fails the run with a non-zero exit, and the next stage never runs', async () => {
    const hub = await startHubProcess();
    const counter = join(tempDir('baton-flow-'), 'attempts');
    const runner = startRunner(hub.url, ['run', RECIPE, '--input', `counter=${counter}`, '--json']);
    const paused = await runner.line(/baton recipe approve (r-\S+),/);
    const id = /baton recipe approve (r-\S+),/.exec(paused)![1]!;
    expect((await startRunner(hub.url, ['deny', id, '--reason', 'not today']).exited).code).toBe(0);
    const ended = await runner.exited;
    expect(ended.code).toBe(1);
    const run = JSON.parse(ended.stdout) as Record<string, any>;
    expect(run).toMatchObject({ state: 'failed', error: expect.stringContaining('build was denied') });
    expect(stepsOf(run).has('ship/ship')).toBe(false);
  });
});
