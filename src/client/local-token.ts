import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isLocal } from './ensure-hub.js';

export const ADMIN_TOKEN_FILE = 'admin.token';

/**
 * The token a command presents: --token, else BATON_TOKEN, else (for a hub on this machine only,
 * so it never travels) the admin token the hub keeps in its data dir.
 */
export function tokenFor(url: string, dataDir: string, flag?: string): string | undefined {
  return flag || process.env.BATON_TOKEN || (isLocal(url) ? readAdminToken(dataDir) : undefined);
}

export function readAdminToken(dataDir: string): string | undefined {
  try {
    return readFileSync(join(dataDir, ADMIN_TOKEN_FILE), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}
