import Database from 'better-sqlite3';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirInUse extends Error {
  constructor(dataDir: string, holder: string) {
    super(`another hub is already using ${dataDir}${holder}: stop it, or start this one with a different --data`);
    this.name = 'DataDirInUse';
  }
}

export interface DataDirLock {
  /** Records where the owning hub listens, for local commands to find it. */
  announce(info: { pid: number; url: string }): void;
  release(): void;
}

/**
 * One hub per data dir. The lock is an exclusive SQLite lock on `hub.lock`, held for the hub's
 * life: the operating system drops it when the process dies, so a crashed hub never blocks the
 * next start, and a second live hub is refused instead of sharing the store.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const lockFile = join(dataDir, 'hub.lock');
  const infoFile = join(dataDir, 'hub.json');
  const db = new Database(lockFile, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER)');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new DataDirInUse(dataDir, describeHolder(infoFile));
    throw error;
  }
  return {
    announce: (info) => writeFileSync(infoFile, JSON.stringify(info), { mode: 0o600 }),
    release: () => {
      rmSync(infoFile, { force: true });
      db.close();
    },
  };
}

function describeHolder(infoFile: string): string {
  try {
    const info = JSON.parse(readFileSync(infoFile, 'utf8')) as { pid?: number; url?: string };
    return ` (pid ${info.pid}, ${info.url})`;
  } catch {
    return '';
  }
}

/** Where the hub of a data dir listens, if one announced itself. */
export function announcedHub(dataDir: string): { pid: number; url: string } | undefined {
  try {
    return JSON.parse(readFileSync(join(dataDir, 'hub.json'), 'utf8')) as { pid: number; url: string };
  } catch {
    return undefined;
  }
}
