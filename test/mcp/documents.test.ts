import { beforeAll, describe, expect, it } from 'vitest';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import { connect, type McpClient } from '../support/mcp-client.js';
import { authedFetch } from '../support/hub-tokens.js';

describe('collab_documents', () => {
  let hub: HubProcess;
  let alice: McpClient;
  let bob: McpClient;
  beforeAll(async () => {
    hub = await startHubProcess();
    alice = await connect(hub.url, 'alice');
    bob = await connect(hub.url, 'bob');
  });

  const upload = (who: McpClient, folder_path: string, file_name: string, content: string, extra: Record<string, unknown> = {}) =>
    who.call('collab_documents', { operation: 'upload', folder_path, file_name, content, ...extra });

  it("upload - answers with the contract's document keys, path = folder_path/file_name", async () => {
    const reply = await upload(alice, 'Amplifier/completed', '2026-01-20_report_x.md', '# Report');
    expect(reply.success).toBe(true);
    expect(reply.document).toMatchObject({ name: '2026-01-20_report_x.md', path: 'Amplifier/completed/2026-01-20_report_x.md', version: 1, size: 8 });
    expect(reply.document.id).toMatch(/^d-/);
    expect(reply.document.web_url).toBe(`${hub.url}/d/${reply.document.id}`);
    expect(reply.version).toMatchObject({ version: 1, size: 8, author: 'alice' });
    expect(reply.version.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await authedFetch(reply.document.web_url)).status).toBe(200);
  });

  it('download - by id, by path and by web_url gives the same content and size', async () => {
    const { document } = await upload(alice, 'Amplifier/shared', 'pattern.md', '# Pattern\n\nRetry with backoff ✅');
    for (const ref of [document.id, document.path, document.web_url]) {
      const reply = await bob.call('collab_documents', { operation: 'download', document_id: ref });
      expect(reply).toMatchObject({ success: true, content: '# Pattern\n\nRetry with backoff ✅', size: Buffer.byteLength('# Pattern\n\nRetry with backoff ✅') });
    }
  });

  it('upload - to an existing path adds a version, and every version can be downloaded', async () => {
    await upload(alice, 'Amplifier/handoffs', 'plan.md', 'v1');
    const second = await upload(bob, 'Amplifier/handoffs', 'plan.md', 'v2');
    expect(second.document.version).toBe(2);
    const versions = await alice.call('collab_documents', { operation: 'versions', document_id: 'Amplifier/handoffs/plan.md' });
    expect(versions.versions.map((v: { version: number; author: string }) => [v.version, v.author])).toEqual([
      [1, 'alice'],
      [2, 'bob'],
    ]);
    const old = await alice.call('collab_documents', { operation: 'download', document_id: second.document.id, version: 1 });
    expect(old.content).toBe('v1');
    const byLink = await alice.call('collab_documents', { operation: 'download', document_id: versions.versions[0].web_url });
    expect(byLink.content).toBe('v1');
  });

  it('upload - if_match with a stale version is a conflict naming the current version and its author, and stores nothing', async () => {
    const first = await upload(alice, 'Amplifier/in-progress', 'draft.md', 'alice v1');
    await upload(bob, 'Amplifier/in-progress', 'draft.md', 'bob v2', { if_match: 1 });
    const stale = await upload(alice, 'Amplifier/in-progress', 'draft.md', 'alice v2', { if_match: 1 });
    expect(stale).toMatchObject({ success: false, code: 'conflict', isError: true });
    expect(stale.error).toContain('version 2 by bob');
    const versions = await alice.call('collab_documents', { operation: 'versions', document_id: first.document.id });
    expect(versions.versions).toHaveLength(2);
    const current = await alice.call('collab_documents', { operation: 'download', document_id: first.document.id });
    expect(current.content).toBe('bob v2');
  });

  it('upload - if_match 0 creates, and refuses when the path already exists', async () => {
    const created = await upload(alice, 'Amplifier/inbox', 'new.md', 'fresh', { if_match: 0 });
    expect(created.document.version).toBe(1);
    const again = await upload(bob, 'Amplifier/inbox', 'new.md', 'other', { if_match: 0 });
    expect(again).toMatchObject({ success: false, code: 'conflict' });
  });

  it('upload - base64 content stores bytes, and bytes that are not text download as base64', async () => {
    const bytes = Buffer.from([0, 1, 2, 253, 254, 255]);
    const reply = await upload(alice, 'Amplifier/shared', 'blob.bin', bytes.toString('base64'), { encoding: 'base64' });
    expect(reply.document).toMatchObject({ size: 6, content_type: 'application/octet-stream' });
    const back = await bob.call('collab_documents', { operation: 'download', document_id: reply.document.id });
    expect(back).toMatchObject({ success: true, encoding: 'base64', size: 6 });
    expect(Buffer.from(back.content, 'base64')).toEqual(bytes);
  });

  it('download - a large document comes in slices with next_offset', async () => {
    const text = 'line of text\n'.repeat(1000);
    const { document } = await upload(alice, 'Amplifier/shared', 'long.txt', text);
    let content = '';
    let offset = 0;
    for (;;) {
      const part = await bob.call('collab_documents', { operation: 'download', document_id: document.id, offset, max_chars: 5000 });
      content += part.content;
      if (!part.truncated) break;
      offset = part.next_offset;
    }
    expect(content).toBe(text);
  });

  it('list - one level shows documents and subfolders; recursive shows everything below', async () => {
    await upload(alice, 'Team/project-alpha', 'readme.md', 'top');
    await upload(alice, 'Team/project-alpha/handoffs', '2026-01-20_handoff_api.md', 'handoff');
    const level = await bob.call('collab_documents', { operation: 'list', folder_path: 'Team/project-alpha' });
    expect(level.folder).toBe('Team/project-alpha');
    expect(level.documents.map((d: { name: string; is_folder: boolean }) => [d.name, d.is_folder])).toEqual([
      ['handoffs', true],
      ['readme.md', false],
    ]);
    for (const d of level.documents.filter((x: { is_folder: boolean }) => !x.is_folder)) {
      expect(Object.keys(d)).toEqual(expect.arrayContaining(['id', 'name', 'is_folder', 'size', 'web_url']));
    }
    const all = await bob.call('collab_documents', { operation: 'list', folder_path: 'Team', recursive: true });
    expect(all.documents.map((d: { path: string }) => d.path).sort()).toEqual([
      'Team/project-alpha/handoffs/2026-01-20_handoff_api.md',
      'Team/project-alpha/readme.md',
    ]);
  });

  it("list - an empty folder_path or 'root' is the top", async () => {
    for (const folder_path of ['', 'root']) {
      const reply = await bob.call('collab_documents', { operation: 'list', folder_path });
      expect(reply.folder).toBe('root');
      expect(reply.documents.map((d: { name: string }) => d.name)).toContain('Amplifier');
    }
  });

  it('move - a document keeps its id and versions under its new path', async () => {
    const { document } = await upload(alice, 'Amplifier/inbox', 'task.md', 'todo');
    const moved = await bob.call('collab_documents', { operation: 'move', document_id: document.id, to: 'Amplifier/in-progress/task.md' });
    expect(moved).toMatchObject({ success: true, document: { id: document.id, path: 'Amplifier/in-progress/task.md' } });
    const byNewPath = await alice.call('collab_documents', { operation: 'download', document_id: 'Amplifier/in-progress/task.md' });
    expect(byNewPath.content).toBe('todo');
    const byOldPath = await alice.call('collab_documents', { operation: 'download', document_id: 'Amplifier/inbox/task.md' });
    expect(byOldPath).toMatchObject({ success: false, code: 'not_found' });
  });

  it('delete - a deleted document is gone until it is restored', async () => {
    const { document } = await upload(alice, 'Amplifier/completed', 'old-report.md', 'result');
    const deleted = await alice.call('collab_documents', { operation: 'delete', document_id: document.path });
    expect(deleted).toMatchObject({ success: true, deleted: document.id });
    expect(await bob.call('collab_documents', { operation: 'download', document_id: document.id })).toMatchObject({ success: false, code: 'not_found' });
    const restored = await alice.call('collab_documents', { operation: 'restore', document_id: document.id });
    expect(restored).toMatchObject({ success: true, document: { id: document.id, path: document.path } });
    expect((await bob.call('collab_documents', { operation: 'download', document_id: document.id })).content).toBe('result');
  });
});
