import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import { tempDir } from '../support/temp-dir.js';
import { fails, ok, okJson, personAt, runCli, type CliEnv } from './cli-process.js';

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

describe('baton upload, download, ls, versions, mv, rm, restore', () => {
  let hub: HubProcess;
  let alice: CliEnv;
  let bob: CliEnv;
  let dir: string;
  beforeAll(async () => {
    hub = await startHubProcess();
    alice = personAt(hub.url, { BATON_NAME: 'alice' });
    bob = personAt(hub.url, { BATON_NAME: 'bob' });
    dir = tempDir();
  });

  /** A file in the test's folder with these contents. */
  function file(name: string, content: string | Buffer): string {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  }

  it('upload - puts a file in a folder under its own name and prints its link', async () => {
    const report = file('2026-01-20_report_x.md', '# Report\n\nAll green.\n');
    const out = await ok(['upload', report, '--folder', 'Amplifier/completed'], alice);
    expect(out).toMatch(/^uploaded Amplifier\/completed\/2026-01-20_report_x\.md {2}v1 {2}21 B {2}d-[0-9a-z]+ {2}http:\/\/\S+\/d\/d-[0-9a-z]+\n$/);
  });

  it('upload - --json prints the hub answer; a second upload to the path adds a version by its author', async () => {
    const notes = file('notes.md', 'first');
    const first = await okJson(['upload', notes, '--path', 'Amplifier/shared/notes.md'], alice);
    expect(first).toMatchObject({ success: true, document: { path: 'Amplifier/shared/notes.md', version: 1, size: 5 }, version: { version: 1, author: 'alice' } });
    writeFileSync(notes, 'second');
    const second = await okJson(['upload', notes, '--path', 'Amplifier/shared/notes.md', '--if-match', '1'], bob);
    expect(second).toMatchObject({ document: { id: first.document.id, version: 2 }, version: { version: 2, author: 'bob', size: 6 } });
  });

  it('upload - --if-match with a stale version is a conflict naming the current version and its author', async () => {
    const doc = file('contested.md', 'v1');
    await ok(['upload', doc, '--path', 'Amplifier/shared/contested.md'], alice);
    await ok(['upload', doc, '--path', 'Amplifier/shared/contested.md', '--if-match', '1'], bob);
    await fails(['upload', doc, '--path', 'Amplifier/shared/contested.md', '--if-match', '1'], alice, /is at version 2 by bob \(s-[0-9a-z]{6}\)/);
    expect((await okJson(['versions', 'Amplifier/shared/contested.md'], alice)).versions).toHaveLength(2);
  });

  it('upload - reads stdin with --path', async () => {
    const uploaded = await okJson(['upload', '-', '--path', 'Amplifier/inbox/from-stdin.txt'], alice, 'piped text');
    expect(uploaded.document).toMatchObject({ size: 10, content_type: 'text/plain; charset=utf-8' });
    expect(await ok(['download', 'Amplifier/inbox/from-stdin.txt'], bob)).toBe('piped text');
  });

  it('download - a binary file comes back byte for byte, to a file and to stdout, by id, path or web_url', async () => {
    const bytes = randomBytes(64 * 1024);
    const original = file('blob.bin', bytes);
    const uploaded = await okJson(['upload', original, '--folder', 'Amplifier/data'], alice);
    const out = join(dir, 'blob-copy.bin');
    expect(await ok(['download', uploaded.document.id, '--out', out], bob)).toBe(`downloaded blob.bin v1 (64 KB) to ${out}\n`);
    expect(readFileSync(out).equals(bytes)).toBe(true);
    const viaLink = await runBytes(['download', uploaded.document.web_url], bob);
    expect(viaLink.equals(bytes)).toBe(true);
    const viaPath = await okJson(['download', 'Amplifier/data/blob.bin', '--out', join(dir, 'blob-2.bin')], bob);
    expect(viaPath).toMatchObject({ success: true, document_id: uploaded.document.id, version: 1, size: bytes.length, name: 'blob.bin' });
  });

  it('download - --version fetches an earlier version, and --json without --out gives the text result', async () => {
    const doc = file('evolving.md', 'one');
    await ok(['upload', doc, '--path', 'Amplifier/shared/evolving.md'], alice);
    writeFileSync(doc, 'two');
    await ok(['upload', doc, '--path', 'Amplifier/shared/evolving.md'], alice);
    expect(await ok(['download', 'Amplifier/shared/evolving.md', '--version', '1'], bob)).toBe('one');
    expect(await ok(['download', 'Amplifier/shared/evolving.md'], bob)).toBe('two');
    const text = await okJson(['download', 'Amplifier/shared/evolving.md'], bob);
    expect(text).toMatchObject({ success: true, content: 'two', size: 3, encoding: 'utf8', version: { version: 2 } });
  });

  it('upload and download - a 20 MB file streams through intact', async () => {
    const big = file('big.bin', randomBytes(20 * 1024 * 1024));
    const uploaded = await okJson(['upload', big, '--path', 'Amplifier/data/big.bin'], alice);
    const expected = await sha256Of(big);
    expect(uploaded.version).toMatchObject({ size: 20 * 1024 * 1024, sha256: expected });
    const copy = join(dir, 'big-copy.bin');
    await ok(['download', 'Amplifier/data/big.bin', '--out', copy], bob);
    expect(await sha256Of(copy)).toBe(expected);
  });

  it('ls - lists one folder level with its subfolders, or everything below with -r', async () => {
    const a = file('a.md', 'a');
    await ok(['upload', a, '--path', 'Team/project/handoffs/a.md'], alice);
    await ok(['upload', a, '--path', 'Team/project/readme.md'], alice);
    expect(await ok(['ls', 'Team/project'], bob)).toMatch(/^handoffs\/\nreadme\.md +1 B +v1 +d-[0-9a-z]+ +text\/markdown; charset=utf-8\n$/);
    const recursive = await okJson(['ls', 'Team', '-r'], bob);
    expect(recursive.documents.map((d: { path: string }) => d.path).sort()).toEqual(['Team/project/handoffs/a.md', 'Team/project/readme.md']);
    const top = await okJson(['ls'], bob);
    expect(top).toMatchObject({ folder: 'root' });
    expect(top.documents).toContainEqual(expect.objectContaining({ name: 'Team', is_folder: true }));
    expect(await ok(['ls', 'Empty/folder'], bob)).toBe('nothing in Empty/folder\n');
  });

  it('versions - lists every version with its author, readable and --json', async () => {
    const doc = file('history.md', 'one');
    await ok(['upload', doc, '--path', 'Amplifier/shared/history.md'], alice);
    writeFileSync(doc, 'two!');
    await ok(['upload', doc, '--path', 'Amplifier/shared/history.md'], bob);
    const listed = await okJson(['versions', 'Amplifier/shared/history.md'], alice);
    expect(listed.versions.map((v: { version: number; author: string }) => [v.version, v.author])).toEqual([
      [1, 'alice'],
      [2, 'bob'],
    ]);
    const out = await ok(['versions', 'Amplifier/shared/history.md'], alice);
    expect(out).toMatch(/^Amplifier\/shared\/history\.md {2}d-[0-9a-z]+\nv1 {2}.+ {2}alice \(s-[0-9a-z]{6}\) +3 B +[0-9a-f]{12}\nv2 {2}.+ {2}bob \(s-[0-9a-z]{6}\) +4 B +[0-9a-f]{12}\n$/);
  });

  it('mv, rm and restore - move a document, delete it softly, and bring it back', async () => {
    const doc = file('moving.md', 'content');
    const uploaded = await okJson(['upload', doc, '--path', 'Amplifier/inbox/moving.md'], alice);
    const id = uploaded.document.id;
    expect(await ok(['mv', id, 'Amplifier/in-progress/moving.md'], alice)).toMatch(/^moved to Amplifier\/in-progress\/moving\.md {2}v1/);
    const moved = await okJson(['mv', 'Amplifier/in-progress/moving.md', 'Amplifier/completed/moving.md'], alice);
    expect(moved).toMatchObject({ success: true, document: { id, path: 'Amplifier/completed/moving.md' } });
    expect(await ok(['rm', 'Amplifier/completed/moving.md'], alice)).toBe(`deleted Amplifier/completed/moving.md (${id}): baton restore ${id} brings it back\n`);
    await fails(['download', id], bob, /not found/);
    expect(await ok(['restore', id], alice)).toMatch(/^restored Amplifier\/completed\/moving\.md/);
    expect(await ok(['download', id], bob)).toBe('content');
    expect(await okJson(['rm', id], alice)).toMatchObject({ success: true, deleted: id, path: 'Amplifier/completed/moving.md' });
    expect(await okJson(['restore', id], alice)).toMatchObject({ success: true, document: { id } });
  });

  describe('bad input', () => {
    it('a bad document path is refused and nothing is stored', async () => {
      const doc = file('bad.md', 'bad');
      await fails(['upload', doc, '--path', '../x'], alice, /^baton: path: must not contain '\.' or '\.\.' segments$/);
      await fails(['upload', doc, '--path', '/etc/x'], alice, /^baton: path: must be relative/);
      await fails(['upload', doc, '--path', `${'a/'.repeat(600)}x`], alice, /^baton: path: must be at most 1024 characters$/);
      await fails(['upload', doc, '--folder', 'Bad/../up'], alice, /^baton: folder_path: must not contain/);
      await fails(['upload', doc, '--path', 'Amplifier/x.md', '--folder', 'Amplifier'], alice, /option '--path <path>' cannot be used with option '--folder <folder>'/);
      await fails(['upload', doc, '--path', 'Amplifier/x.md', '--if-match', 'latest'], alice, /^baton: if_match: /);
      expect((await okJson(['ls', '-r'], bob)).documents.map((d: { name: string }) => d.name)).not.toContain('bad.md');
      expect((await okJson(['ls', '-r'], bob)).documents.map((d: { name: string }) => d.name)).not.toContain('x.md');
    });

    it('a missing file, a missing document or missing arguments fail with one line', async () => {
      await fails(['upload', join(dir, 'no-such-file.md')], alice, /no-such-file\.md: no such file or directory$/);
      await fails(['upload', '-'], alice, /uploading stdin \('-'\) needs --path/, 'x');
      await fails(['download', 'Amplifier/none.md'], alice, /Document 'Amplifier\/none\.md' not found/);
      await fails(['download', 'http://example.com/page'], alice, /^baton: document_id: is a link, but not to a document/);
      await fails(['versions', 'd-zzzzzzzzzz'], alice, /not found/);
      await fails(['mv', 'Amplifier/none.md', 'x.md'], alice, /not found/);
      await fails(['rm', 'Amplifier/none.md'], alice, /not found/);
      await fails(['restore', 'd-zzzzzzzzzz'], alice, /not found/);
      await fails(['upload'], alice, /missing required argument 'file'/);
      await fails(['mv', 'x.md'], alice, /missing required argument 'to'/);
    });

    it('a download that fails leaves no file behind', async () => {
      const out = join(dir, 'never.bin');
      await fails(['download', 'Amplifier/none.bin', '--out', out], alice, /not found/);
      await fails(['download', 'Amplifier/data/blob.bin', '--out', join(dir, 'no-dir', 'x.bin')], alice, /no-dir\/x\.bin: no such file or directory$/);
      expect(() => readFileSync(out)).toThrow();
    });

    it('moving onto an existing document is a conflict and moves nothing', async () => {
      const doc = file('one.md', '1');
      await ok(['upload', doc, '--path', 'Clash/one.md'], alice);
      await ok(['upload', doc, '--path', 'Clash/two.md'], alice);
      await fails(['mv', 'Clash/one.md', 'Clash/two.md'], alice, /A document already exists at 'Clash\/two\.md'/);
      expect((await okJson(['ls', 'Clash'], bob)).documents.map((d: { name: string }) => d.name)).toEqual(['one.md', 'two.md']);
    });
  });

  /** stdout as bytes, for downloads to stdout. */
  async function runBytes(args: string[], env: CliEnv): Promise<Buffer> {
    const result = await runCli(args, env);
    expect(result.code).toBe(0);
    return result.bytes;
  }
});
