import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TokenService } from '../access/token-service.js';
import { ADMIN_TOKEN_FILE } from '../client/local-token.js';

/**
 * The data dir always holds a working admin token (mode 0600) for the commands of this machine:
 * made on first start, and made again when the one there was revoked, expired or deleted. Whoever
 * can read the data dir can read every store in it anyway, so this gives nobody anything new.
 */
export async function ensureAdminToken(dataDir: string, tokens: TokenService): Promise<{ file: string; created: boolean }> {
  const file = join(dataDir, ADMIN_TOKEN_FILE);
  if (existsSync(file) && (await works(tokens, readFileSync(file, 'utf8').trim()))) {
    // A copied or restored data dir may have left it readable by others.
    chmodSync(file, 0o600);
    return { file, created: false };
  }
  const { secret } = await tokens.create({ role: 'admin', name: 'local-admin' }, async () => true);
  // A new file, so the mode holds from its first byte: writing into an old one would keep its mode
  // until the chmod below.
  rmSync(file, { force: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { file, created: true };
}

async function works(tokens: TokenService, secret: string): Promise<boolean> {
  try {
    return (await tokens.verify(secret)).role === 'admin';
  } catch {
    return false;
  }
}
