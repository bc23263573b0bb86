import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FileBlobStore } from '../blobs/file-blob-store.js';
import { DEFAULT_WORKSPACE } from '../domain/workspaces.js';
import { openSqliteControl } from '../store/sqlite/sqlite-control.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';
import type { Backend, WorkspaceStorage } from './workspace-storage.js';

/** The embedded default: a control file, and each workspace a SQLite file and its blobs under the data dir. */
export function sqliteBackend(dataDir: string): Backend {
  const control = openSqliteControl(join(dataDir, 'control.db'));
  return { control, storage: sqliteStorage(dataDir), close: () => control.close() };
}

/**
 * `default` in the data dir itself (where a hub from before workspaces kept everything), the
 * others in `workspaces/<name>/`.
 */
function sqliteStorage(dataDir: string): WorkspaceStorage {
  const dirOf = (name: string) => (name === DEFAULT_WORKSPACE ? dataDir : join(dataDir, 'workspaces', name));
  return {
    async open(workspace) {
      const dir = dirOf(workspace.name);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const blobs = new FileBlobStore(join(dir, 'blobs'));
      // Safe only here: the data dir's lock guarantees no other hub writes into it, and this
      // workspace serves no request yet.
      blobs.discardUnfinished();
      const store = openSqliteStore(join(dir, 'hub.db'));
      await discardUnreferenced(blobs, store);
      return { store, blobs };
    },
    async remove(name) {
      if (name !== DEFAULT_WORKSPACE) rmSync(dirOf(name), { recursive: true, force: true });
    },
    async present() {
      try {
        return readdirSync(join(dataDir, 'workspaces'));
      } catch {
        return [];
      }
    },
  };
}

/** A blob left by a crash between its rename and its commit is referenced by no version. */
async function discardUnreferenced(blobs: FileBlobStore, store: Store): Promise<void> {
  for (const sha256 of blobs.stored()) {
    if (!(await store.documents.blobInUse(sha256))) await blobs.remove(sha256);
  }
}
