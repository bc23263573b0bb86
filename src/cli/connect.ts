import { AdminClient } from '../client/admin-client.js';
import { RunLogClient } from '../client/run-log-client.js';
import { HubClient } from '../client/hub-client.js';
import { ensureHub } from '../client/ensure-hub.js';
import { tokenFor } from '../client/local-token.js';
import { DEFAULT_WORKSPACE } from '../domain/workspaces.js';
import { dataDirOf } from './data-dir.js';
import type { HubFlags } from './hub-flags.js';
import { actAs, sessionName } from './identity.js';

/** The hub URL asked for: --url, else BATON_URL; undefined means "the local one". */
export const requestedUrl = (flag: string | undefined): string | undefined => flag || process.env.BATON_URL || undefined;

/**
 * A workspace's base URL (`http://hub/w/alpha`, as a worker hands its commands in BATON_URL) names
 * the hub and the workspace at once.
 */
export function splitWorkspaceUrl(url: string | undefined): { url: string | undefined; workspace?: string } {
  const match = url ? /^(https?:\/\/[^/]+(?:\/.*?)?)\/w\/([^/]+)\/?$/.exec(url) : null;
  return match ? { url: match[1], workspace: decodeURIComponent(match[2]!) } : { url };
}

/** The workspace asked for: -w, else BATON_WORKSPACE; undefined when none was named. */
export const requestedWorkspace = (flag: string | undefined): string | undefined => flag || process.env.BATON_WORKSPACE || undefined;

/** Where a command talks to: the hub (started locally if needed), the token it presents, its workspace (none for `default`). */
export async function reachHub(flags: Pick<HubFlags, 'url' | 'token' | 'workspace' | 'start'>) {
  const dataDir = dataDirOf();
  const asked = splitWorkspaceUrl(requestedUrl(flags.url));
  const url = await ensureHub({ url: asked.url, dataDir, start: flags.start });
  const token = tokenFor(url, dataDir, flags.token);
  const workspace = requestedWorkspace(flags.workspace) ?? asked.workspace;
  return { url, dataDir, ...(token ? { token } : {}), ...(workspace && workspace !== DEFAULT_WORKSPACE ? { workspace } : {}) };
}

/** A client of the hub, acting as this person's session. */
export async function connect(flags: HubFlags): Promise<HubClient> {
  return (await connectRuns(flags)).client;
}

/** A client of the hub and of its recipe runs, both acting as this person's session. */
export async function connectRuns(flags: HubFlags): Promise<{ client: HubClient; runs: RunLogClient }> {
  const { dataDir, ...where } = await reachHub(flags);
  const client = new HubClient(where);
  await actAs(client, dataDir, sessionName(flags.as));
  return { client, runs: new RunLogClient({ ...where, ...(client.session ? { session: client.session } : {}) }) };
}

/** A client of the hub-wide API (tokens, workspaces, audit), with the same token rules. */
export async function connectAdmin(flags: HubFlags): Promise<AdminClient> {
  const { url, token } = await reachHub(flags);
  return new AdminClient(url, token);
}
