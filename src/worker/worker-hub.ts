import { HubClient } from '../client/hub-client.js';
import { DEFAULT_WORKSPACE } from '../domain/workspaces.js';

/** Where a worker works: its hub, workspace and token, and the client acting as its session. */
export interface WorkerHub {
  client: HubClient;
  /** The hub's own URL. */
  hubUrl: string;
  /** The workspace's name (`default` included). */
  workspace: string;
  /** The workspace's base URL: the hub's for `default`, else `<hub>/w/<workspace>`; `/api/v1` and `/mcp` hang off it. */
  baseUrl: string;
  token: string | undefined;
  /** The worker's session id. */
  session: string;
}

export interface HubPlace {
  url: string;
  token?: string;
  /** Undefined for `default`. */
  workspace?: string;
}

/** Registers the worker's session (a new one on every start: each run is its own instance) and returns where it works. */
export async function registerWorker(place: HubPlace, name: string): Promise<WorkerHub> {
  const client = new HubClient(place);
  const registered = await client.register({ name, kind: 'agent', role: 'worker', client: 'baton-worker' });
  const workspace = place.workspace ?? DEFAULT_WORKSPACE;
  const hubUrl = client.url;
  return {
    client,
    hubUrl,
    workspace,
    baseUrl: workspace === DEFAULT_WORKSPACE ? hubUrl : `${hubUrl}/w/${encodeURIComponent(workspace)}`,
    token: place.token,
    session: registered.session.id,
  };
}
