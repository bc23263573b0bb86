import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startHubProcess } from '../support/hub-process.js';
import { authedFetch } from '../support/hub-tokens.js';
import { tempDir } from '../support/temp-dir.js';
import { startWorker } from '../worker/support/worker-process.js';
import { startRunner } from './support/runner-process.js';

const SEED_RECIPE = fileURLToPath(new URL('../../recipes/distributed-code-review.yaml', import.meta.url));
const REVIEW_AGENT = fileURLToPath(new URL('./fixtures/review-agent.mjs', import.meta.url));
const FILES = ['src/parser.ts', 'src/lexer.ts', 'src/ast.ts', 'src/printer.ts', 'src/errors.ts'];

const get = async (url: string) => (await authedFetch(url)).json() as Promise<Record<string, any>>;

describe("the seed's distributed-code-review recipe, unchanged, across three worker processes", () => {
  it('splits the files, reviews the groups in parallel on different workers, and posts the summary to general with a document link', async () => {
    const hub = await startHubProcess();
    const dir = tempDir('baton-review-');
    const recipe = join(dir, 'distributed-code-review.yaml');
    copyFileSync(SEED_RECIPE, recipe);
    const exec = `${JSON.stringify(process.execPath)} ${JSON.stringify(REVIEW_AGENT)}`;
    const workers = ['reviewer-1', 'reviewer-2', 'reviewer-3'].map((name) => startWorker(hub.url, ['--exec', exec, '--name', name], { REVIEW_FILES: FILES.join(',') }));
    await Promise.all(workers.map((w) => w.line(/watching/)));

    const ended = await startRunner(hub.url, ['run', recipe, '--json']).exited;
    expect(ended.code, ended.stderr).toBe(0);
    const run = JSON.parse(ended.stdout) as Record<string, any>;
    expect(run.state).toBe('completed');

    const steps = new Map<string, Record<string, any>>(run.steps.map((s: Record<string, any>) => [s.key, s]));
    expect(steps.get('split-files')!.result).toContain('"groups"');
    const reviews = [0, 1, 2].map((i) => steps.get(`post-assignments[${i}]`)!);
    expect(reviews.map((r) => r.state)).toEqual(['completed', 'completed', 'completed']);
    expect(reviews.map((r) => /## Review of (.*)/.exec(String(r.result))![1]).join(', ').split(', ').sort()).toEqual([...FILES].sort());

    const tasks = await Promise.all(reviews.map(async (r) => (await get(`${hub.url}/api/v1/tasks/${r.taskId}`)).task));
    expect(new Set(tasks.map((t) => t.result_by)).size, 'reviews done by different workers').toBeGreaterThanOrEqual(2);
    expect(tasks.every((t) => t.labels.length === 0 && t.state === 'completed')).toBe(true);

    const checker = (await (await authedFetch(`${hub.url}/api/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'checker' }) })).json()) as Record<string, any>;
    const read = (await (await authedFetch(`${hub.url}/api/v1/channels/general/messages?limit=100`, { headers: { 'x-baton-session': checker.session.id } })).json()) as Record<string, any>;
    const summary = read.messages.find((m: Record<string, any>) => m.title === '📢 Code review summary');
    expect(summary, 'the summary in general').toBeDefined();
    const link = /(http\S+\/d\/d-[a-z0-9]+)/.exec(summary.content)![1]!;
    const docId = link.split('/d/')[1]!;
    const text = await get(`${hub.url}/api/v1/documents/text?document_id=${docId}`);
    expect(text.content).toMatch(/^# Code review summary/);
    for (const file of FILES) expect(text.content).toContain(file);
    expect(read.messages.filter((m: Record<string, any>) => String(m.title).startsWith('✅ Complete: distributed-code-review ·')).length).toBe(7);
  });
});
