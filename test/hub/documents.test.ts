import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Caller } from '../../src/hub/hub.js';
import { readRange } from '../../src/hub/document-content.js';
import type { TestHub } from '../support/test-hub.js';
import { hubForTest } from './support/hub.js';
import { onPostgres } from '../support/store-choice.js';
import { discardUnusedBlobs, filesUnder, refused, refusedAndNothingStored, stored, storedHashes } from './support/stored.js';

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** Bytes that are certainly not text: a NUL, an invalid UTF-8 lead byte, and noise. */
const binary = (size: number) => Buffer.concat([Buffer.from([0x89, 0x00, 0xff, 0xfe]), randomBytes(size - 4)]);

async function upload(t: TestHub, caller: Caller, path: string, content: string) {
  return t.hub.documents.upload(caller, { path, content });
}

/** Downloads by offset until the document is complete; returns the decoded bytes and the page count. */
async function downloadAll(t: TestHub, input: Record<string, unknown>) {
  const parts: Buffer[] = [];
  let offset = 0;
  for (let page = 1; page < 10_000; page++) {
    const result = await t.hub.documents.download({ ...input, offset });
    parts.push(Buffer.from(result.content, result.encoding === 'base64' ? 'base64' : 'utf8'));
    if (!('next_offset' in result)) return { bytes: Buffer.concat(parts), pages: page, last: result };
    expect(result.truncated).toBe(true);
    expect(result.note).toContain(`offset=${result.next_offset}`);
    expect(result.next_offset).toBeGreaterThan(offset);
    offset = result.next_offset!;
  }
  throw new Error('download never finished');
}

async function* chunks(data: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

describe('documents', () => {
  it('documents - a text upload by folder and file name gets an id, a path, a version and a web_url', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const content = '# Handoff: API\n\n## Next Steps\n1. Ship it\n';
    const result = await t.hub.documents.upload(alice, { folder_path: 'Amplifier/project-alpha/handoffs', file_name: '2026-01-20_handoff_api.md', content });
    const id = result.document.id;
    expect(id).toMatch(/^d-[0-9a-z]{10}$/);
    expect(result.document).toEqual({
      id,
      name: '2026-01-20_handoff_api.md',
      path: 'Amplifier/project-alpha/handoffs/2026-01-20_handoff_api.md',
      folder: 'Amplifier/project-alpha/handoffs',
      is_folder: false,
      size: Buffer.byteLength(content),
      content_type: 'text/markdown; charset=utf-8',
      version: 1,
      web_url: `http://hub.test/d/${id}`,
    });
    expect(result.version).toEqual({
      version: 1,
      size: Buffer.byteLength(content),
      sha256: sha256(content),
      content_type: 'text/markdown; charset=utf-8',
      author: 'alice',
      author_id: alice.session.id,
      timestamp: new Date(t.clock.now()).toISOString(),
      web_url: `http://hub.test/d/${id}?v=1`,
    });
  });

  // The file store's layout on disk; the PostgreSQL blob store's is the next test.
  it.skipIf(onPostgres)('documents - the bytes live on disk under their sha256, once however often they are uploaded', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const a = await upload(t, alice, 'a.md', 'same bytes');
    await upload(t, alice, 'b.md', 'same bytes');
    const hash = a.version.sha256;
    expect(filesUnder(join(t.dir, 'blobs'))).toEqual([join(hash.slice(0, 2), hash)]);
  });

  it.runIf(onPostgres)('documents - the bytes are one blob row under their sha256, once however often they are uploaded', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const a = await upload(t, alice, 'a.md', 'same bytes');
    await upload(t, alice, 'b.md', 'same bytes');
    expect((await stored(t)).blobs).toEqual([`${a.version.sha256} (1 chunks)`]);
  });

  it('documents - a base64 upload stores the exact bytes with a content type from the name', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const bytes = binary(3000);
    const result = await t.hub.documents.upload(alice, { path: 'Amplifier/shared/diagram.png', content: bytes.toString('base64'), encoding: 'base64' });
    expect(result.document).toMatchObject({ size: 3000, content_type: 'image/png' });
    expect(result.version.sha256).toBe(sha256(bytes));
    const opened = await t.hub.documents.open({ document_id: result.document.id });
    expect(await readRange(opened.open())).toEqual(bytes);
  });

  it('documents - content type falls back to text or octet-stream, and can be given', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    expect((await upload(t, alice, 'notes', 'plain')).document.content_type).toBe('text/plain; charset=utf-8');
    const blob = await t.hub.documents.upload(alice, { path: 'blob', content: binary(10).toString('base64'), encoding: 'base64' });
    expect(blob.document.content_type).toBe('application/octet-stream');
    const given = await t.hub.documents.upload(alice, { path: 'data', content: '{}', content_type: 'application/json' });
    expect(given.document.content_type).toBe('application/json');
  });

  it('documents - every upload to a path adds a version with size, sha256, content type and author', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const bob = await t.as('bob');
    const v1 = await upload(t, alice, 'Amplifier/shared/pattern.md', 'one');
    t.clock.advance(1000);
    await upload(t, bob, 'Amplifier/shared/pattern.md', 'two two');
    t.clock.advance(1000);
    const v3 = await t.hub.documents.upload(alice, { path: 'Amplifier/shared/pattern.md', content: 'three', content_type: 'text/plain' });
    expect(v3.document).toMatchObject({ id: v1.document.id, version: 3, size: 5, content_type: 'text/plain' });
    const { versions, document } = await t.hub.documents.versions({ document_id: 'Amplifier/shared/pattern.md' });
    expect(document.id).toBe(v1.document.id);
    expect(versions.map((v) => [v.version, v.size, v.sha256, v.content_type, v.author, v.author_id, v.web_url])).toEqual([
      [1, 3, sha256('one'), 'text/markdown; charset=utf-8', 'alice', alice.session.id, `http://hub.test/d/${document.id}?v=1`],
      [2, 7, sha256('two two'), 'text/markdown; charset=utf-8', 'bob', bob.session.id, `http://hub.test/d/${document.id}?v=2`],
      [3, 5, sha256('three'), 'text/plain', 'alice', alice.session.id, `http://hub.test/d/${document.id}?v=3`],
    ]);
    expect(versions[1]!.timestamp).toBe(new Date(t.clock.now() - 1000).toISOString());
  });

  it('documents - download by id, by path and by web_url; a ?v= link or version gives that version', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const v1 = await upload(t, alice, 'Amplifier/shared/p.md', 'first ✅');
    const v2 = await upload(t, alice, 'Amplifier/shared/p.md', 'second');
    const content = async (input: Record<string, unknown>) => (await t.hub.documents.download(input)).content;
    expect(await content({ document_id: v1.document.id })).toBe('second');
    expect(await content({ document_id: 'Amplifier/shared/p.md' })).toBe('second');
    expect(await content({ document_id: v2.document.web_url })).toBe('second');
    expect(await content({ document_id: v1.version.web_url })).toBe('first ✅');
    expect(await content({ document_id: v1.document.id, version: 1 })).toBe('first ✅');
    const result = await t.hub.documents.download({ document_id: v1.version.web_url });
    expect(result).toMatchObject({ success: true, encoding: 'utf8', size: Buffer.byteLength('first ✅'), version: { version: 1 } });
    expect(result).not.toHaveProperty('truncated');
  });

  it('documents - a version that does not exist is not found, naming the current one', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const { document } = await upload(t, alice, 'a.md', 'x');
    await refused(t.hub.documents.download({ document_id: document.id, version: 2 }), { code: 'not_found', says: 'current: 1' });
    await refused(t.hub.documents.download({ document_id: `${document.web_url}?v=9` }), { code: 'not_found', says: 'no version 9' });
  });

  it('documents - unknown ids, paths and links are not found; a link that is not to a document is refused', async () => {
    const t = await hubForTest();
    await refused(t.hub.documents.download({ document_id: 'd-0000000000' }), { code: 'not_found', says: "'d-0000000000'" });
    await refused(t.hub.documents.download({ document_id: 'Amplifier/none.md' }), { code: 'not_found' });
    await refused(t.hub.documents.download({ document_id: 'http://hub.test/d/d-0000000000' }), { code: 'not_found' });
    await refused(t.hub.documents.download({ document_id: 'http://hub.test/m/m-1' }), { code: 'invalid_input', field: 'document_id', says: 'not to a document' });
  });

  it('documents - a large text downloads in pages by offset, never splitting a character', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const text = Array.from({ length: 400 }, (_, i) => `${i}: ✅ café 🚀 naïve\n`).join('');
    const { document } = await upload(t, alice, 'long.md', text);
    const { bytes, pages, last } = await downloadAll(t, { document_id: document.id, max_chars: 100 });
    expect(bytes.toString('utf8')).toBe(text);
    expect(pages).toBeGreaterThan(50);
    expect(last.encoding).toBe('utf8');
  });

  it('documents - a binary document downloads as base64 in pages by offset', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const data = binary(5000);
    const { document } = await t.hub.documents.upload(alice, { path: 'bin/data.bin', content: data.toString('base64'), encoding: 'base64' });
    const first = await t.hub.documents.download({ document_id: document.id, max_chars: 400 });
    expect(first.encoding).toBe('base64');
    expect(first.content.length).toBeLessThanOrEqual(400);
    const { bytes } = await downloadAll(t, { document_id: document.id, max_chars: 400 });
    expect(bytes.equals(data)).toBe(true);
  });

  it('documents - an upload streams in chunks and comes back byte for byte', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const data = binary(3 * 1024 * 1024 + 17);
    const result = await t.hub.documents.uploadStream(alice, { path: 'big/archive.tar' }, chunks(data, 64 * 1024));
    expect(result.document.size).toBe(data.length);
    expect(result.version.sha256).toBe(sha256(data));
    const opened = await t.hub.documents.open({ document_id: 'big/archive.tar' });
    expect((await readRange(opened.open())).equals(data)).toBe(true);
    expect((await readRange(opened.open({ start: 10, end: 19 }))).equals(data.subarray(10, 20))).toBe(true);
  });

  it('documents - if_match 0 creates a new path and conflicts with an existing one', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    await t.hub.documents.upload(alice, { path: 'a.md', content: 'one', if_match: 0 });
    await refusedAndNothingStored(t, () => t.hub.documents.upload(alice, { path: 'a.md', content: 'again', if_match: 0 }), {
      code: 'conflict',
      says: 'version 1 by alice',
    });
  });

  it('documents - a stale if_match is a conflict naming the current version and its author, and stores nothing', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const bob = await t.as('bob');
    await upload(t, alice, 'Amplifier/shared/plan.md', 'v1');
    await t.hub.documents.upload(bob, { path: 'Amplifier/shared/plan.md', content: 'v2 by bob', if_match: 1 });
    const error = await refusedAndNothingStored(t, () => t.hub.documents.upload(alice, { path: 'Amplifier/shared/plan.md', content: 'v2 by alice', if_match: '1' }), {
      code: 'conflict',
      says: 'version 2 by bob',
    });
    expect(error.message).toContain(bob.session.id);
    expect(error.message).toContain('if_match=2');
    expect((await t.hub.documents.download({ document_id: 'Amplifier/shared/plan.md' })).content).toBe('v2 by bob');
  });

  it('documents - if_match on a path that does not exist yet is a conflict that says how to create it', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    await refusedAndNothingStored(t, () => t.hub.documents.upload(alice, { path: 'new.md', content: 'x', if_match: 2 }), { code: 'conflict', says: 'use 0 to create' });
  });

  /** Two uploads with the same if_match, both storing their bytes before either adds its version; returns the stored versions. */
  async function race(t: TestHub) {
    const alice = await t.as('alice');
    const bob = await t.as('bob');
    await upload(t, alice, 'race.md', 'base');
    let open = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    let streaming = 0;
    async function* held(text: string) {
      yield Buffer.from(text.slice(0, 3));
      streaming++;
      await gate;
      yield Buffer.from(text.slice(3));
    }
    const racing = [
      t.hub.documents.uploadStream(alice, { path: 'race.md', if_match: 1 }, held('alice wins?')),
      t.hub.documents.uploadStream(bob, { path: 'race.md', if_match: 1 }, held('bob wins?')),
    ].map((p) => p.then((r) => ({ ok: true as const, r }), (e: unknown) => ({ ok: false as const, e })));
    // Both have passed the early if_match check and are storing their bytes.
    while (streaming < 2) await new Promise(setImmediate);
    open();
    const outcomes = await Promise.all(racing);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    const loser = outcomes.find((o) => !o.ok)!;
    expect(loser.ok || String(loser.e)).toContain('version 2');
    const { versions } = await t.hub.documents.versions({ document_id: 'race.md' });
    expect(versions).toHaveLength(2);
    return versions.map((v) => v.sha256).sort();
  }

  // The file store removes a refused upload's bytes at once; PostgreSQL keeps them a while (next test).
  it.skipIf(onPostgres)('documents - of two uploads racing with the same if_match, one wins and the other leaves no bytes behind', async () => {
    const t = await hubForTest();
    const used = await race(t);
    expect(await storedHashes(t)).toEqual(used);
  });

  // Another node's upload of the same bytes may be about to use them, so they outlive the refusal for a while.
  it.runIf(onPostgres)('documents - of two uploads racing with the same if_match, one wins and the other leaves bytes no version uses, discarded after the grace period', async () => {
    const t = await hubForTest();
    const used = await race(t);
    expect(await storedHashes(t)).toHaveLength(3);
    expect(await discardUnusedBlobs(t)).toBe(1);
    expect(await storedHashes(t)).toEqual(used);
  });

  it('documents - paths with .., a leading /, control characters or more than 1024 characters are refused', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const bad: [string, string][] = [
      ['../etc/passwd', "'..'"],
      ['Amplifier/../secret.md', "'..'"],
      ['Amplifier/./x.md', "'.'"],
      ['/Amplifier/x.md', "leading '/'"],
      ['Amplifier/x\u0000.md', 'control characters'],
      ['Amplifier/x\n.md', 'control characters'],
      ['Amplifier\\x.md', "'/'"],
      ['Amplifier//x.md', 'empty'],
      [`${'a/'.repeat(512)}x.md`, 'at most 1024'],
    ];
    for (const [path, says] of bad) {
      await refusedAndNothingStored(t, () => t.hub.documents.upload(alice, { path, content: 'x' }), { code: 'invalid_input', field: 'path', says });
    }
    expect(await t.hub.documents.upload(alice, { path: `${'a/'.repeat(509)}xyz.md`, content: 'x' })).toMatchObject({ document: { version: 1 } });
  });

  it('documents - folder and file name follow the same rules', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const bad: [Record<string, unknown>, string][] = [
      [{ folder_path: 'Amplifier/..', file_name: 'x.md' }, 'folder_path'],
      [{ folder_path: 'Amplifier', file_name: '../x.md' }, 'file_name'],
      [{ folder_path: 'Amplifier', file_name: 'x\u0007.md' }, 'file_name'],
      [{ folder_path: 'a'.repeat(1000), file_name: 'b'.repeat(100) }, 'file_name'],
      [{ folder_path: 'Amplifier' }, 'file_name'],
    ];
    for (const [input, field] of bad) {
      await refusedAndNothingStored(t, () => t.hub.documents.upload(alice, { ...input, content: 'x' }), { code: 'invalid_input', field });
    }
  });

  it("documents - the top folder can be named '', 'root' or '/'", async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    for (const folder_path of ['', 'root', '/']) {
      const { document } = await t.hub.documents.upload(alice, { folder_path, file_name: 'top.md', content: folder_path });
      expect(document).toMatchObject({ path: 'top.md', folder: '' });
    }
  });

  it('documents - list shows one level with its folders, or every document below when recursive', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    for (const path of ['top.md', 'Amplifier/readme.md', 'Amplifier/shared/a.md', 'Amplifier/shared/b.md', 'Amplifier/project-alpha/handoffs/h.md', 'Other/o.md']) {
      await upload(t, alice, path, path);
    }
    const names = (list: { documents: { path: string; is_folder: boolean }[] }) => list.documents.map((d) => `${d.is_folder ? 'folder ' : ''}${d.path}`);
    const root = await t.hub.documents.list({});
    expect(root.folder).toBe('root');
    expect(names(root)).toEqual(['folder Amplifier', 'folder Other', 'top.md']);
    const amplifier = await t.hub.documents.list({ folder_path: 'Amplifier' });
    expect(amplifier.folder).toBe('Amplifier');
    expect(names(amplifier)).toEqual(['folder Amplifier/project-alpha', 'folder Amplifier/shared', 'Amplifier/readme.md']);
    expect(amplifier.documents[0]).toEqual({ name: 'project-alpha', path: 'Amplifier/project-alpha', is_folder: true });
    const recursive = await t.hub.documents.list({ folder_path: 'Amplifier/', recursive: true });
    expect(names(recursive)).toEqual(['Amplifier/project-alpha/handoffs/h.md', 'Amplifier/readme.md', 'Amplifier/shared/a.md', 'Amplifier/shared/b.md']);
    expect(recursive).not.toHaveProperty('truncated');
  });

  it('documents - list says when it was cut by its limit', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    for (let i = 0; i < 4; i++) await upload(t, alice, `many/${i}.md`, String(i));
    const cut = await t.hub.documents.list({ folder_path: 'many', limit: 3 });
    expect(cut.documents).toHaveLength(3);
    expect(cut).toMatchObject({ truncated: true, note: expect.stringContaining('3') });
    const exact = await t.hub.documents.list({ folder_path: 'many', limit: 4 });
    expect(exact.documents).toHaveLength(4);
    expect(exact).not.toHaveProperty('truncated');
  });

  it('documents - move changes the path and keeps id and versions', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const { document } = await upload(t, alice, 'Amplifier/inbox/task.md', 'v1');
    await upload(t, alice, 'Amplifier/inbox/task.md', 'v2');
    const moved = await t.hub.documents.move(alice, { document_id: document.web_url, to: 'Amplifier/completed/task.md' });
    expect(moved.document).toMatchObject({ id: document.id, path: 'Amplifier/completed/task.md', folder: 'Amplifier/completed', version: 2 });
    expect((await t.hub.documents.download({ document_id: 'Amplifier/completed/task.md', version: 1 })).content).toBe('v1');
    await refused(t.hub.documents.download({ document_id: 'Amplifier/inbox/task.md' }), { code: 'not_found' });
  });

  it('documents - moving onto a taken path is a conflict; a bad target is refused; nothing changes', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const { document } = await upload(t, alice, 'a.md', 'a');
    await upload(t, alice, 'b.md', 'b');
    await refusedAndNothingStored(t, () => t.hub.documents.move(alice, { document_id: document.id, to: 'b.md' }), { code: 'conflict', says: "'b.md'" });
    await refusedAndNothingStored(t, () => t.hub.documents.move(alice, { document_id: document.id, to: '../b.md' }), { code: 'invalid_input', field: 'to' });
    await refusedAndNothingStored(t, () => t.hub.documents.move(alice, { document_id: document.id }), { code: 'invalid_input', field: 'to', says: 'required' });
    expect((await t.hub.documents.download({ document_id: document.id })).document.path).toBe('a.md');
  });

  it('documents - delete is soft: the document disappears and an admin can restore it', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const { document, version } = await upload(t, alice, 'Amplifier/old.md', 'keep me');
    const deleted = await t.hub.documents.remove(alice, { document_id: 'Amplifier/old.md' });
    expect(deleted).toMatchObject({ success: true, deleted: document.id, path: 'Amplifier/old.md' });
    await refused(t.hub.documents.download({ document_id: document.id }), { code: 'not_found' });
    expect((await t.hub.documents.list({ folder_path: 'Amplifier' })).documents).toEqual([]);
    expect(await storedHashes(t)).toEqual([version.sha256]);
    const restored = await t.hub.documents.restore(await t.as('lead', 'coordinator'), { document_id: document.id });
    expect(restored.document).toMatchObject({ id: document.id, path: 'Amplifier/old.md' });
    expect((await t.hub.documents.download({ document_id: document.id })).content).toBe('keep me');
  });

  it('documents - restore is a conflict when the path has been taken meanwhile', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    const { document } = await upload(t, alice, 'a.md', 'old');
    await t.hub.documents.remove(alice, { document_id: document.id });
    const fresh = await upload(t, alice, 'a.md', 'new');
    expect(fresh.document.id).not.toBe(document.id);
    expect(fresh.document.version).toBe(1);
    await refused(t.hub.documents.restore(await t.as('lead', 'coordinator'), { document_id: document.id }), { code: 'conflict', says: "'a.md'" });
    expect((await t.hub.documents.download({ document_id: 'a.md' })).content).toBe('new');
  });

  it('documents - the size limit refuses a larger upload and leaves no blob file behind', async () => {
    const t = await hubForTest({ documentBytes: 1024 });
    const alice = await t.as('alice');
    await t.hub.documents.upload(alice, { path: 'fits.bin', content: Buffer.alloc(1024, 1).toString('base64'), encoding: 'base64' });
    await refusedAndNothingStored(t, () => t.hub.documents.upload(alice, { path: 'big.bin', content: Buffer.alloc(1025, 2).toString('base64'), encoding: 'base64' }), {
      code: 'too_large',
      field: 'content',
      says: '1024',
    });
    await refusedAndNothingStored(t, () => t.hub.documents.uploadStream(alice, { path: 'big.bin' }, chunks(Buffer.alloc(5000, 3), 100)), {
      code: 'too_large',
      field: 'content',
    });
  });

  it('documents - a stream that fails midway leaves no blob file behind', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice');
    async function* broken() {
      yield Buffer.from('first part');
      throw new Error('client went away');
    }
    const before = await stored(t);
    await expect(t.hub.documents.uploadStream(alice, { path: 'partial.md' }, broken())).rejects.toThrow('client went away');
    expect(await stored(t)).toEqual(before);
  });

  it('documents - an upload publishes a document event', async () => {
    const t = await hubForTest();
    const events: unknown[] = [];
    t.hub.context.bus.subscribe((e) => events.push(e));
    const { document } = await upload(t, await t.as('alice'), 'a.md', 'x');
    expect(events).toEqual([{ type: 'document', documentId: document.id, version: 1 }]);
  });

  it('documents - bad input for every document operation is refused naming the field, and stores nothing', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice', 'coordinator');
    const { document } = await upload(t, alice, 'a.md', 'x');
    const docs = t.hub.documents;
    const cases: [string, () => Promise<unknown>, string, string][] = [
      ['upload without content', () => docs.upload(alice, { path: 'b.md' }), 'content', 'required'],
      ['upload without a target', () => docs.upload(alice, { content: 'x' }), 'file_name', 'required'],
      ['upload with bad base64', () => docs.upload(alice, { path: 'b.bin', content: 'not base64!', encoding: 'base64' }), 'content', 'base64'],
      ['upload with unknown encoding', () => docs.upload(alice, { path: 'b.md', content: 'x', encoding: 'utf16' }), 'encoding', 'one of'],
      ['upload with a bad content type', () => docs.upload(alice, { path: 'b.md', content: 'x', content_type: 'markdown' }), 'content_type', 'media type'],
      ['upload with a negative if_match', () => docs.upload(alice, { path: 'b.md', content: 'x', if_match: -1 }), 'if_match', 'at least 0'],
      ['upload with a text if_match', () => docs.upload(alice, { path: 'b.md', content: 'x', if_match: 'latest' }), 'if_match', 'number'],
      ['download without id', () => docs.download({}), 'document_id', 'required'],
      ['download with a bad offset', () => docs.download({ document_id: document.id, offset: -5 }), 'offset', 'at least 0'],
      ['download with tiny max_chars', () => docs.download({ document_id: document.id, max_chars: 10 }), 'max_chars', 'at least 100'],
      ['download with version 0', () => docs.download({ document_id: document.id, version: 0 }), 'version', 'at least 1'],
      ['download with a bad path', () => docs.download({ document_id: '../a.md' }), 'document_id', "'..'"],
      ['versions without id', () => docs.versions({}), 'document_id', 'required'],
      ['list with a bad folder', () => docs.list({ folder_path: 'a/../b' }), 'folder_path', "'..'"],
      ['list with a bad limit', () => docs.list({ limit: 0 }), 'limit', 'at least 1'],
      ['list with a bad recursive', () => docs.list({ recursive: 'deep' }), 'recursive', 'true or false'],
      ['move without id', () => docs.move(alice, { to: 'c.md' }), 'document_id', 'required'],
      ['delete without id', () => docs.remove(alice, {}), 'document_id', 'required'],
      ['restore without id', () => docs.restore(alice, {}), 'document_id', 'required'],
    ];
    for (const [what, call, field, says] of cases) {
      await refusedAndNothingStored(t, call, { code: 'invalid_input', field, says }).catch((e: Error) => {
        throw new Error(`${what}: ${e.message}`);
      });
    }
    for (const call of [() => docs.remove(alice, { document_id: 'd-0000000000' }), () => docs.move(alice, { document_id: 'none.md', to: 'c.md' }), () => docs.restore(alice, { document_id: 'd-0000000000' })]) {
      await refusedAndNothingStored(t, call, { code: 'not_found' });
    }
  });
});
