import { HubClient } from '../client/hub-client.js';
import { ensureHub } from '../client/ensure-hub.js';
import { dataDirOf } from './data-dir.js';
import type { HubFlags } from './hub-flags.js';
import { actAs, sessionName } from './identity.js';

/** The hub URL asked for: --url, else BATON_URL; undefined means "the local one". */
export const requestedUrl = (flag: string | undefined): string | undefined => flag || process.env.BATON_URL || undefined;

/** A client of the hub (started locally if needed), acting as this person's session. */
export async function connect(flags: HubFlags): Promise<HubClient> {
  const dataDir = dataDirOf();
  const url = await ensureHub({ url: requestedUrl(flags.url), dataDir, start: flags.start });
  const client = new HubClient({ url });
  await actAs(client, dataDir, sessionName(flags.as));
  return client;
}
