import { beforeEach, describe, expect, it } from 'vitest';
import { T0, type StoreFixture } from './fixtures.js';

/** The Store contract for documents. */
export function describeDocuments(fx: StoreFixture): void {
  const { session, upload, uploadOk } = fx;
  describe('documents', () => {
    let alice: string;
    let bob: string;
    beforeEach(async () => {
      alice = await session('s-alice0', { name: 'alice' });
      bob = await session('s-bob000', { name: 'bob' });
    });

    it('documents - the first addVersion creates the document at version 1 with name and folder from the path', async () => {
      const result = await uploadOk('Amplifier/shared/pattern.md', alice, { newId: 'd-first00001', size: 42, sha256: 'a'.repeat(64) });
      expect(result.document).toEqual({
        id: 'd-first00001',
        path: 'Amplifier/shared/pattern.md',
        name: 'pattern.md',
        folder: 'Amplifier/shared',
        currentVersion: 1,
        createdAt: T0,
        createdBy: alice,
        deletedAt: null,
        size: 42,
        contentType: 'text/markdown; charset=utf-8',
      });
      expect(result.version).toEqual({
        documentId: 'd-first00001',
        version: 1,
        size: 42,
        sha256: 'a'.repeat(64),
        contentType: 'text/markdown; charset=utf-8',
        authorId: alice,
        authorName: 'alice',
        createdAt: T0,
      });
    });

    it('documents - a top-level path has the empty folder', async () => {
      const result = await uploadOk('README.md', alice);
      expect(result.document).toMatchObject({ name: 'README.md', folder: '' });
    });

    it('documents - a later addVersion at the path adds a version to the same document', async () => {
      const first = await uploadOk('a.md', alice, { newId: 'd-first00001' });
      const second = await uploadOk('a.md', bob, { newId: 'd-unused0001', size: 99, sha256: 'b'.repeat(64), contentType: 'text/plain', createdAt: T0 + 1 });
      expect(second.document).toMatchObject({ id: first.document.id, currentVersion: 2, size: 99, contentType: 'text/plain', createdBy: alice });
      expect(second.version).toMatchObject({ documentId: first.document.id, version: 2, authorId: bob, authorName: 'bob', sha256: 'b'.repeat(64) });
      expect(await fx.store.documents.byId('d-unused0001')).toBeUndefined();
    });

    it('documents - ifMatch 0 creates a new path and refuses an existing one', async () => {
      expect((await upload('a.md', alice, { ifMatch: 0 })).ok).toBe(true);
      const refused = await upload('a.md', bob, { ifMatch: 0 });
      expect(refused).toEqual({ ok: false, current: expect.objectContaining({ version: 1, authorId: alice, authorName: 'alice' }) });
      expect(await fx.store.documents.versions((await fx.store.documents.byPath('a.md'))!.id)).toHaveLength(1);
    });

    it('documents - ifMatch the current version succeeds; a stale one returns the current version and stores nothing', async () => {
      await uploadOk('a.md', alice);
      await uploadOk('a.md', bob, { ifMatch: 1 });
      const stale = await upload('a.md', alice, { ifMatch: 1 });
      expect(stale).toEqual({ ok: false, current: expect.objectContaining({ version: 2, authorId: bob, authorName: 'bob' }) });
      expect((await fx.store.documents.byPath('a.md'))?.currentVersion).toBe(2);
    });

    it('documents - ifMatch on a path that does not exist returns no current version', async () => {
      expect(await upload('missing.md', alice, { ifMatch: 3 })).toEqual({ ok: false, current: undefined });
      expect(await fx.store.documents.byPath('missing.md')).toBeUndefined();
      expect(await fx.store.documents.inFolder('', true, 100)).toEqual([]);
    });

    it('documents - byId and byPath find live documents; byPath never returns a deleted one', async () => {
      const { document } = await uploadOk('a/b.md', alice);
      expect(await fx.store.documents.byPath('a/b.md')).toEqual(document);
      expect(await fx.store.documents.byId(document.id)).toEqual(document);
      expect(await fx.store.documents.byPath('a/B.md')).toBeUndefined();
      await fx.store.documents.softDelete(document.id, bob, T0 + 5);
      expect(await fx.store.documents.byPath('a/b.md')).toBeUndefined();
      expect(await fx.store.documents.byId(document.id)).toBeUndefined();
      expect(await fx.store.documents.byId(document.id, true)).toMatchObject({ id: document.id, deletedAt: T0 + 5 });
    });

    it('documents - inFolder takes one level, or every level below when recursive', async () => {
      const paths = ['top.md', 'Amplifier/a.md', 'Amplifier/shared/p.md', 'Amplifier/shared/q.md', 'Amplifier/alpha/handoffs/h.md', 'Amplifierx/z.md'];
      for (const p of paths) await uploadOk(p, alice);
      const names = async (folder: string, recursive: boolean, limit = 100) =>
        (await fx.store.documents.inFolder(folder, recursive, limit)).map((d) => d.path);
      expect(await names('', false)).toEqual(['top.md']);
      expect(await names('Amplifier', false)).toEqual(['Amplifier/a.md']);
      expect(await names('Amplifier/shared', false)).toEqual(['Amplifier/shared/p.md', 'Amplifier/shared/q.md']);
      expect((await names('Amplifier', true)).sort()).toEqual(['Amplifier/a.md', 'Amplifier/alpha/handoffs/h.md', 'Amplifier/shared/p.md', 'Amplifier/shared/q.md']);
      expect((await names('', true)).sort()).toEqual([...paths].sort());
      expect(await names('Amplifier', true, 2)).toHaveLength(2);
      expect(await names('nowhere', true)).toEqual([]);
    });

    it('documents - folder matching is exact: case-sensitive, with % and _ taken literally', async () => {
      for (const p of ['Amplifier/a.md', 'amplifier/b.md', 'x_y/c.md', 'xzy/d.md', '50%/e.md', '500/f.md']) await uploadOk(p, alice);
      const names = async (folder: string) => (await fx.store.documents.inFolder(folder, true, 100)).map((d) => d.path);
      expect(await names('amplifier')).toEqual(['amplifier/b.md']);
      expect(await names('x_y')).toEqual(['x_y/c.md']);
      expect(await names('50%')).toEqual(['50%/e.md']);
      expect(await fx.store.documents.foldersBelow('x_y')).toEqual([]);
      expect(await names('Amplifier')).toEqual(['Amplifier/a.md']);
    });

    it('documents - inFolder leaves deleted documents out', async () => {
      const { document } = await uploadOk('f/gone.md', alice);
      await uploadOk('f/kept.md', alice);
      await fx.store.documents.softDelete(document.id, alice, T0);
      expect((await fx.store.documents.inFolder('f', false, 100)).map((d) => d.path)).toEqual(['f/kept.md']);
      expect((await fx.store.documents.inFolder('f', true, 100)).map((d) => d.path)).toEqual(['f/kept.md']);
    });

    it('documents - foldersBelow names every folder holding live documents under a folder', async () => {
      for (const p of ['top.md', 'Amplifier/a.md', 'Amplifier/shared/p.md', 'Amplifier/alpha/handoffs/h.md', 'Amplifierx/z.md']) await uploadOk(p, alice);
      const gone = await uploadOk('Amplifier/old/x.md', alice);
      await fx.store.documents.softDelete(gone.document.id, alice, T0);
      expect((await fx.store.documents.foldersBelow('Amplifier')).sort()).toEqual(['Amplifier/alpha/handoffs', 'Amplifier/shared']);
      expect((await fx.store.documents.foldersBelow('')).sort()).toEqual(['Amplifier', 'Amplifier/alpha/handoffs', 'Amplifier/shared', 'Amplifierx']);
      expect(await fx.store.documents.foldersBelow('Amplifier/shared')).toEqual([]);
    });

    it('documents - versions lists every version ascending; version fetches one', async () => {
      const { document } = await uploadOk('a.md', alice, { size: 1 });
      await uploadOk('a.md', bob, { size: 2 });
      await uploadOk('a.md', alice, { size: 3 });
      const versions = await fx.store.documents.versions(document.id);
      expect(versions.map((v) => [v.version, v.size, v.authorName])).toEqual([
        [1, 1, 'alice'],
        [2, 2, 'bob'],
        [3, 3, 'alice'],
      ]);
      expect(await fx.store.documents.version(document.id, 2)).toEqual(versions[1]);
      expect(await fx.store.documents.version(document.id, 4)).toBeUndefined();
      expect(await fx.store.documents.versions('d-nothing000')).toEqual([]);
    });

    it('documents - move changes path, name and folder, and keeps the versions', async () => {
      const { document } = await uploadOk('Amplifier/inbox/task.md', alice);
      await uploadOk('Amplifier/inbox/task.md', alice);
      expect(await fx.store.documents.move(document.id, 'Amplifier/completed/task-done.md')).toBe(true);
      expect(await fx.store.documents.byId(document.id)).toMatchObject({ path: 'Amplifier/completed/task-done.md', name: 'task-done.md', folder: 'Amplifier/completed', currentVersion: 2 });
      expect(await fx.store.documents.byPath('Amplifier/inbox/task.md')).toBeUndefined();
      expect(await fx.store.documents.versions(document.id)).toHaveLength(2);
    });

    it('documents - move to a taken path returns false and changes nothing', async () => {
      const a = await uploadOk('a.md', alice);
      await uploadOk('b.md', alice);
      expect(await fx.store.documents.move(a.document.id, 'b.md')).toBe(false);
      expect((await fx.store.documents.byId(a.document.id))?.path).toBe('a.md');
    });

    it('documents - a deleted document cannot be moved', async () => {
      const a = await uploadOk('a.md', alice);
      await fx.store.documents.softDelete(a.document.id, alice, T0);
      expect(await fx.store.documents.move(a.document.id, 'c.md')).toBe(false);
      expect(await fx.store.documents.byPath('c.md')).toBeUndefined();
    });

    it('documents - a deleted path can be taken by a new document, which then blocks the restore', async () => {
      const old = await uploadOk('a.md', alice, { newId: 'd-old0000001' });
      await fx.store.documents.softDelete(old.document.id, bob, T0 + 1);
      const fresh = await uploadOk('a.md', bob, { newId: 'd-new0000001' });
      expect(fresh.document).toMatchObject({ id: 'd-new0000001', currentVersion: 1 });
      expect(await fx.store.documents.restore(old.document.id)).toBe(false);
      expect(await fx.store.documents.byId(old.document.id)).toBeUndefined();
      expect((await fx.store.documents.byPath('a.md'))?.id).toBe('d-new0000001');
    });

    it('documents - restore brings a deleted document back at its path', async () => {
      const { document } = await uploadOk('a.md', alice);
      await fx.store.documents.softDelete(document.id, bob, T0 + 1);
      expect(await fx.store.documents.restore(document.id)).toBe(true);
      expect(await fx.store.documents.byPath('a.md')).toMatchObject({ id: document.id, deletedAt: null, currentVersion: 1 });
    });

    it('documents - restore of an unknown document is false', async () => {
      expect(await fx.store.documents.restore('d-nothing000')).toBe(false);
    });

    it('documents - blobInUse is true while any version, even of a deleted document, holds the bytes', async () => {
      const sha = 'c'.repeat(64);
      expect(await fx.store.documents.blobInUse(sha)).toBe(false);
      const { document } = await uploadOk('a.md', alice, { sha256: sha });
      await uploadOk('a.md', alice, { sha256: 'd'.repeat(64) });
      expect(await fx.store.documents.blobInUse(sha)).toBe(true);
      await fx.store.documents.softDelete(document.id, alice, T0);
      expect(await fx.store.documents.blobInUse(sha)).toBe(true);
      expect(await fx.store.documents.blobInUse('e'.repeat(64))).toBe(false);
    });
  });
}
