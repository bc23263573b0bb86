import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isLocal } from './ensure-hub.js';
import { localHubDataDir } from './local-hubs.js';

export const ADMIN_TOKEN_FILE = 'admin.token';

/**
 * The token a command presents: --token, else BATON_TOKEN, else (for a hub on this machine only,
 * so it never travels) the admin token that hub keeps in its data dir: the one it noted for its
 * address, else the command's own data dir.
 */
export function tokenFor(url: string, dataDir: string, flag?: string): string | undefined {
  if (flag || process.env.BATON_TOKEN) return flag || process.env.BATON_TOKEN;
  if (!isLocal(url)) return undefined;
  const noted = localHubDataDir(url.replace(/\/+$/, ''));
  return (noted ? readAdminToken(noted) : undefined) ?? readAdminToken(dataDir);
}

export function readAdminToken(dataDir: string): string | undefined {
  try {
    return readFileSync(join(dataDir, ADMIN_TOKEN_FILE), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}
