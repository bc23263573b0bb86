import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { isHubClientError } from '../client/client-error.js';
import type { HubClient } from '../client/hub-client.js';

/** The CLI's sessions, one per hub URL and name, so a person keeps one identity across runs. */
const IDENTITY_FILE = 'cli-sessions.json';

interface SavedSession {
  url: string;
  name: string;
  id: string;
  resume_token: string;
}

/** --as, else BATON_NAME, else user@host. */
export function sessionName(flag: string | undefined): string {
  return (flag || process.env.BATON_NAME || `${userName()}@${hostname()}`).slice(0, 80);
}

function userName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'someone';
  }
}

/**
 * Makes the client act as this person's session on its hub: the saved one when the hub still
 * knows it (same name and resume token), else a new one, which is saved for the next run.
 */
export async function actAs(client: HubClient, dataDir: string, name: string): Promise<void> {
  const file = join(dataDir, IDENTITY_FILE);
  const saved = readSaved(file);
  const where = client.workspace ? `${client.url}/w/${client.workspace}` : client.url;
  const mine = saved.find((s) => s.url === where && s.name === name);
  if (mine && (await resumed(client, mine))) return;
  const registered = await client.register({ name, kind: 'human', role: 'human', client: 'baton-cli' });
  const others = saved.filter((s) => s !== mine);
  writeSaved(dataDir, file, [...others, { url: where, name, id: registered.session.id, resume_token: registered.resume_token }]);
}

/** False when the hub no longer knows the session (its data was reset). */
async function resumed(client: HubClient, saved: SavedSession): Promise<boolean> {
  try {
    await client.register({ name: saved.name, resume_token: saved.resume_token });
    return true;
  } catch (error) {
    if (isHubClientError(error) && error.field === 'resume_token') return false;
    throw error;
  }
}

function readSaved(file: string): SavedSession[] {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { sessions?: SavedSession[] };
    return Array.isArray(parsed.sessions) ? parsed.sessions : [];
  } catch {
    return [];
  }
}

/** Written whole and renamed into place, readable only by its owner: the tokens are credentials. */
function writeSaved(dataDir: string, file: string, sessions: SavedSession[]): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, `${JSON.stringify({ sessions }, null, 2)}\n`, { mode: 0o600 });
  chmodSync(partial, 0o600);
  renameSync(partial, file);
}
