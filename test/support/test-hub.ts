import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import type { BlobStore } from '../../src/blobs/blob-store.js';
import { FileBlobStore } from '../../src/blobs/file-blob-store.js';
import type { Limits } from '../../src/core/limits.js';
import type { Access } from '../../src/hub/access.js';
import { createHub, type Hub, type Caller } from '../../src/hub/hub.js';
import type { Role } from '../../src/domain/roles.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { ManualClock } from './manual-clock.js';
import { onPostgres, postgresParts, postgresPartsIn } from './store-choice.js';
import { tempDir } from './temp-dir.js';

export interface TestHub {
  hub: Hub;
  clock: ManualClock;
  dir: string;
  /** The workspace schema of the test database the hub stores in, when it runs on PostgreSQL. */
  schema?: string;
  /** Registers a session and returns it as a caller: a coordinator's token for role 'coordinator', else an agent's. */
  as(name: string, role?: string): Promise<Caller>;
  /** Registers a session with a token of exactly this role. */
  withRole(name: string, role: Role): Promise<Caller>;
}

/**
 * A real hub in this process, a manual clock, and a temp dir. It stores in a real SQLite file and
 * real blob files in the dir, or with BATON_TEST_STORE=postgres in a fresh schema of the test database.
 */
export async function openTestHub(limits: Partial<Limits> = {}): Promise<TestHub> {
  const dir = mkdtempSync(join(tempDir(), 'hub-'));
  const clock = new ManualClock();
  const { schema, store, blobs } = onPostgres ? await postgresParts() : { schema: undefined, ...sqliteParts(dir) };
  const hub = await createHub({
    store,
    blobs,
    publicUrl: 'http://hub.test',
    clock,
    limits,
  });
  return {
    hub,
    clock,
    dir,
    schema,
    as: async (name, role) => {
      const access = accessAs(role === 'coordinator' ? 'coordinator' : 'agent');
      return { session: (await hub.sessions.register({ name, role }, access)).session, access };
    },
    withRole: async (name, role) => {
      const access = accessAs(role);
      return { session: (await hub.sessions.register({ name }, access)).session, access };
    },
  };
}

/** The store and blobs the test hub keeps its data in, opened again, as a restarted (or a second) hub opens them. */
export async function storageOf(t: TestHub): Promise<{ store: Store; blobs: BlobStore }> {
  return t.schema === undefined ? sqliteParts(t.dir) : postgresPartsIn(t.schema);
}

const sqliteParts = (dir: string) => ({ store: openSqliteStore(join(dir, 'hub.db')), blobs: new FileBlobStore(join(dir, 'blobs')) });

/** The rights of a token of this role in the default workspace (hub tests call the hub directly). */
export const accessAs = (role: Role): Access => ({ tokenId: `t-${role}`, tokenName: `${role}-token`, role, workspace: 'default' });

/** An agent's rights, for tests that register sessions themselves. */
export const AGENT: Access = accessAs('agent');
