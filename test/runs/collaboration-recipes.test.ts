import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import { authedFetch } from '../support/hub-tokens.js';
import { startWorker } from '../worker/support/worker-process.js';
import { startRunner } from './support/runner-process.js';

const recipe = (name: string) => fileURLToPath(new URL(`../../recipes/${name}.yaml`, import.meta.url));
const AGENT = fileURLToPath(new URL('./fixtures/collab-agent.mjs', import.meta.url));

describe('the collaboration recipes, run by the runner and done by a worker', () => {
  let hub: HubProcess;
  let reader: string;
  const get = async (path: string) => (await authedFetch(`${hub.url}/api/v1${path}`, { headers: { 'x-baton-session': reader } })).json() as Promise<Record<string, any>>;
  const run = async (name: string, ...inputs: string[]) => {
    const ended = await startRunner(hub.url, ['run', recipe(name), ...inputs.flatMap((i) => ['--input', i]), '--json']).exited;
    expect(ended.code, ended.stderr).toBe(0);
    return JSON.parse(ended.stdout) as Record<string, any>;
  };
  const titles = async (channel: string) => ((await get(`/channels/${channel}/messages?limit=200`)).messages as Record<string, any>[]).map((m) => m.title as string);

  beforeAll(async () => {
    hub = await startHubProcess();
    reader = ((await (await authedFetch(`${hub.url}/api/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'reader' }) })).json()) as Record<string, any>).session.id;
    startWorker(hub.url, ['--label', 'collaborator', '--exec', `${JSON.stringify(process.execPath)} ${JSON.stringify(AGENT)}`]);
  });

  it('collaborative-task: announces the start, does the task, uploads its artifacts and announces completion with their links', async () => {
    const done = await run('collaborative-task', 'task_description=Write the release notes');
    expect(done).toMatchObject({ state: 'completed', outputs: { summary: 'Done: Write the release notes', files: ['notes.md', 'report.md'] } });
    expect(await titles('general')).toEqual(expect.arrayContaining(['🚀 Starting: Write the release notes', '✅ Complete: Write the release notes']));
    const complete = ((await get('/channels/general/messages?limit=200')).messages as Record<string, any>[]).find((m) => m.title === '✅ Complete: Write the release notes')!;
    const listing = await get('/documents?folder_path=Amplifier/completed');
    expect(listing.documents.map((d: Record<string, any>) => d.name).sort()).toEqual(['2026-11-24_report_notes.md', '2026-11-24_report_report.md']);
    for (const d of listing.documents) expect(complete.content).toContain(d.web_url);
    expect(done.steps.find((s: Record<string, any>) => s.key === 'announce').state).toBe('skipped');
  });

  it('task-handoff posts a handoff with its document; pickup-task finds it, claims it and finishes it', async () => {
    const handed = await run('task-handoff', 'task_name=Port the exporter', 'current_status=half done', 'next_steps=finish the CSV writer');
    const handoff = (await get(`/messages/${handed.outputs.message}`)).message;
    expect(handoff).toMatchObject({ channel: 'handoffs', title: '🔄 Handoff: Port the exporter' });
    expect((await get(`/tasks/${handoff.id}`)).task).toMatchObject({ kind: 'handoff', state: 'open', context: [handed.outputs.document] });
    expect(handoff.content).toContain(handed.outputs.document);
    const doc = await get(`/documents/text?document_id=${encodeURIComponent(handed.outputs.document)}`);
    expect(doc.content).toContain('# Handoff: Port the exporter');

    const picked = await run('pickup-task', 'auto_claim=true');
    expect(picked.outputs.chosen).toMatchObject({ task_id: handoff.id, title: 'Port the exporter', context_url: handed.outputs.document });
    expect(picked.steps.find((s: Record<string, any>) => s.key === 'propose').state).toBe('skipped');
    const task = (await get(`/tasks/${handoff.id}`)).task;
    expect(task).toMatchObject({ state: 'completed', result: 'picked up and finished' });
    expect(await titles('general')).toContain('✅ Complete: Port the exporter');
  });
});
