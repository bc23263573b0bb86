import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { FileBlobStore } from '../../src/blobs/file-blob-store.js';
import type { Limits } from '../../src/core/limits.js';
import type { Access } from '../../src/hub/access.js';
import { createHub, type Hub, type Caller } from '../../src/hub/hub.js';
import type { Role } from '../../src/domain/roles.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { ManualClock } from './manual-clock.js';
import { tempDir } from './temp-dir.js';

export interface TestHub {
  hub: Hub;
  clock: ManualClock;
  dir: string;
  /** Registers a session and returns it as a caller: a coordinator's token for role 'coordinator', else an agent's. */
  as(name: string, role?: string): Promise<Caller>;
  /** Registers a session with a token of exactly this role. */
  withRole(name: string, role: Role): Promise<Caller>;
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

/** The rights of a token of this role in the default workspace (hub tests call the hub directly). */
export const accessAs = (role: Role): Access => ({ tokenId: `t-${role}`, tokenName: `${role}-token`, role, workspace: 'default' });

/** An agent's rights, for tests that register sessions themselves. */
export const AGENT: Access = accessAs('agent');
