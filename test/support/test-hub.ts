import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { FileBlobStore } from '../../src/blobs/file-blob-store.js';
import type { Limits } from '../../src/core/limits.js';
import { createHub, type Hub, type Caller } from '../../src/hub/hub.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { ManualClock } from './manual-clock.js';
import { tempDir } from './temp-dir.js';

export interface TestHub {
  hub: Hub;
  clock: ManualClock;
  dir: string;
  /** Registers a session and returns it as a caller. */
  as(name: string, role?: string): Promise<Caller>;
}

/** A real hub in this process: a real SQLite file and real blob files in a temp dir, a manual clock. */
export async function openTestHub(limits: Partial<Limits> = {}): Promise<TestHub> {
  const dir = mkdtempSync(join(tempDir(), 'hub-'));
  const clock = new ManualClock();
  const hub = await createHub({
    store: openSqliteStore(join(dir, 'hub.db')),
    blobs: new FileBlobStore(join(dir, 'blobs')),
    publicUrl: 'http://hub.test',
    clock,
    limits,
  });
  return {
    hub,
    clock,
    dir,
    as: async (name, role) => ({ session: (await hub.sessions.register({ name, role })).session }),
  };
}
