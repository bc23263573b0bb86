import { AdminClient } from '../client/admin-client.js';
import { HubClient } from '../client/hub-client.js';
import { ensureHub } from '../client/ensure-hub.js';
import { tokenFor } from '../client/local-token.js';
import { dataDirOf } from './data-dir.js';
import type { HubFlags } from './hub-flags.js';
import { actAs, sessionName } from './identity.js';

/** The hub URL asked for: --url, else BATON_URL; undefined means "the local one". */
export const requestedUrl = (flag: string | undefined): string | undefined => flag || process.env.BATON_URL || undefined;

/** A client of the hub (started locally if needed), acting as this person's session. */
export async function connect(flags: HubFlags): Promise<HubClient> {
  const dataDir = dataDirOf();
  const url = await ensureHub({ url: requestedUrl(flags.url), dataDir, start: flags.start });
  const workspace = flags.workspace || process.env.BATON_WORKSPACE || undefined;
  const token = tokenFor(url, dataDir, flags.token);
  const client = new HubClient({ url, ...(token ? { token } : {}), ...(workspace && workspace !== 'default' ? { workspace } : {}) });
  await actAs(client, dataDir, sessionName(flags.as));
  return client;
}

/** A client of the hub-wide API (tokens, workspaces, audit), with the same token rules. */
export async function connectAdmin(flags: HubFlags): Promise<AdminClient> {
  const dataDir = dataDirOf();
  const url = await ensureHub({ url: requestedUrl(flags.url), dataDir, start: flags.start });
  return new AdminClient(url, tokenFor(url, dataDir, flags.token));
}
