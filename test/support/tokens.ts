import type { Role } from '../../src/domain/roles.js';
import { tokenOf } from './hub-tokens.js';

/** Makes a token of this role (in `default` unless named) with the hub's admin token; returns its secret. */
export async function makeToken(url: string, role: Role, workspace?: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokenOf(url)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ role, ...(workspace ? { workspace } : {}), name: `${role}-${workspace ?? 'default'}` }),
  });
  const body = (await response.json()) as { secret?: string };
  if (response.status !== 201 || !body.secret) throw new Error(`token for ${role}: ${response.status} ${JSON.stringify(body)}`);
  return body.secret;
}
