import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Hubs running on this machine, for this user: each hub notes its address and data dir here, so a
 * command on the same machine can find the hub's admin token whichever data dir the hub was started
 * on (`npm start` in a clone uses ./.baton, `baton mcp` looks in ~/.baton by default).
 */
const directory = (): string => join(tmpdir(), `baton-${process.getuid?.() ?? 'user'}`, 'hubs');

const fileOf = (url: string): string => {
  const { hostname, port } = new URL(url);
  return join(directory(), `${hostname.replace(/[^a-z0-9.-]/gi, '_')}_${port || '80'}.json`);
};

/** Notes a hub; returns how to take the note back when it stops. */
export function noteLocalHub(url: string, dataDir: string): () => void {
  const file = fileOf(url);
  try {
    mkdirSync(directory(), { recursive: true, mode: 0o700 });
    writeFileSync(file, JSON.stringify({ url, dataDir, pid: process.pid }), { mode: 0o600 });
  } catch {
    return () => {};
  }
  return () => forgetLocalHub(url);
}

/** Takes a hub's note back (also for a hub that was killed and could not). */
export function forgetLocalHub(url: string): void {
  rmSync(fileOf(url), { force: true });
}

/** The data dir of the hub noted for this URL, when the note is this user's own and nobody else's. */
export function localHubDataDir(url: string): string | undefined {
  try {
    const file = fileOf(url);
    if (!ownedPrivately(directory()) || !ownedPrivately(file)) return undefined;
    const note = JSON.parse(readFileSync(file, 'utf8')) as { url?: string; dataDir?: string };
    return note.url === url && typeof note.dataDir === 'string' ? note.dataDir : undefined;
  } catch {
    return undefined;
  }
}

/** Another user could otherwise plant a note that points this user's commands elsewhere. */
function ownedPrivately(path: string): boolean {
  const stat = statSync(path);
  return (process.getuid === undefined || stat.uid === process.getuid()) && (stat.mode & 0o022) === 0;
}
