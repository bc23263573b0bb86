import { HubClient } from '../../../src/client/hub-client.js';
import type { TaskFields } from '../../../src/client/task-options.js';
import { startHubProcess, type HubProcess } from '../../support/hub-process.js';
import { tokenOf } from '../../support/hub-tokens.js';
import { TaskWatch } from './task-watch.js';

/** The session that hands work out in a test: a real client of the hub, with the admin token. */
export async function leadOf(url: string, workspace?: string, token = tokenOf(url)): Promise<HubClient> {
  const lead = new HubClient({ url, ...(token ? { token } : {}), ...(workspace ? { workspace } : {}) });
  await lead.register({ name: 'lead', client: 'test' });
  return lead;
}

/** A real hub, its lead, and a watch on its tasks: what most worker tests start from. */
export async function leadHub(args: string[] = []): Promise<{ hub: HubProcess; lead: HubClient; watch: TaskWatch }> {
  const hub = await startHubProcess({ args });
  const lead = await leadOf(hub.url);
  return { hub, lead, watch: await TaskWatch.open(lead, hub.url) };
}

/** Posts a handoff whose message body is the prompt; returns its id. */
export async function handOff(lead: HubClient, fields: TaskFields & { body?: string }): Promise<string> {
  return (await lead.createTask({ ...fields, kind: 'handoff' })).task.id;
}
