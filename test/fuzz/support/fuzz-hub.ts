import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'vitest';
import { atFileEnd } from '../../support/cleanup.js';
import { startHubProcess, type HubProcess } from '../../support/hub-process.js';
import { tempDir } from '../../support/temp-dir.js';

/** Tables whose rows only a successful write adds. Sweeper posts (lapsed leases, escalations) are left out. */
export const COUNTS = `SELECT
  (SELECT count(*) FROM sessions) AS sessions,
  (SELECT count(*) FROM channels) AS channels,
  (SELECT count(*) FROM messages WHERE title NOT LIKE '⚠️ Lease expired%' AND title NOT LIKE '🚨 Escalated:%') AS messages,
  (SELECT count(*) FROM documents) AS documents,
  (SELECT count(*) FROM document_versions) AS versions,
  (SELECT count(*) FROM tasks) AS tasks`;

const DATA_ENTRY = /^((hub|control)\.db(-wal|-shm|-journal)?|hub\.lock(-journal)?|hub\.json|admin\.token|blobs)$/;

export interface FuzzHub {
  hub: HubProcess;
  /** A directory beside the data dir that hostile paths aim at; it must stay as it was. */
  canary: string;
  dataDir: string;
  /** Rows in the tables writes add to, read from the hub's own file. */
  counts(): Record<string, number>;
  /** The hub answers /healthz and has not exited. */
  expectAlive(): Promise<void>;
  /** Nothing outside the data dir was created or changed, and the data dir holds only the hub's files. */
  expectFilesystemIntact(): void;
}

/** One real hub process with its data dir next to a canary dir, both under one temp root. */
export async function startFuzzHub(): Promise<FuzzHub> {
  const root = tempDir('baton-fuzz-');
  const dataDir = join(root, 'data');
  const canary = join(root, 'canary');
  mkdirSync(join(canary, 'etc'), { recursive: true });
  writeFileSync(join(canary, 'etc', 'passwd'), 'root:x:0:0\n');
  writeFileSync(join(canary, 'secret.md'), '# not for the hub\n');
  const before = snapshot(root, (path) => !path.startsWith('data'));
  const hub = await startHubProcess({ dataDir });
  const db = new Database(join(dataDir, 'hub.db'), { readonly: true, fileMustExist: true });
  atFileEnd(() => db.close());
  const counts = db.prepare(COUNTS);
  return {
    hub,
    canary,
    dataDir,
    counts: () => counts.get() as Record<string, number>,
    expectAlive: async () => {
      expect(hub.process.exitCode, hub.stderr()).toBeNull();
      const health = await fetch(`${hub.url}/healthz`);
      expect(health.status).toBe(200);
    },
    expectFilesystemIntact: () => {
      expect(snapshot(root, (path) => !path.startsWith('data'))).toEqual(before);
      expect(readdirSync(root).sort()).toEqual(['canary', 'data']);
      const strays = readdirSync(dataDir).filter((name) => !DATA_ENTRY.test(name));
      expect(strays).toEqual([]);
      expect(readdirSync(join(dataDir, 'blobs', 'tmp'))).toEqual([]);
    },
  };
}

/** Every file and directory under root (filtered), with its size, mtime and content. */
export function snapshot(root: string, keep: (path: string) => boolean): Record<string, string> {
  const entries: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      const path = relative(root, full);
      if (!keep(path)) continue;
      const stat = statSync(full);
      if (stat.isDirectory()) {
        entries[path] = `dir ${stat.mtimeMs}`;
        walk(full);
      } else entries[path] = `${stat.size} ${stat.mtimeMs} ${readFileSync(full, 'utf8')}`;
    }
  };
  walk(root);
  return entries;
}

/** How many generated inputs a file ran, printed when it ends so the run can be reported. */
export function inputCounter(label: string): { add(count: number): void } {
  let total = 0;
  atFileEnd(() => console.log(`${label}: ${total} generated inputs ran`));
  return { add: (count) => (total += count) };
}
