import type { McpClient } from '../../support/mcp-client.js';
import { connect } from '../../support/mcp-client.js';
import { startHubProcess, type HubProcess } from '../../support/hub-process.js';
import { makeToken } from '../../support/tokens.js';

export interface Team {
  hub: HubProcess;
  /** A person's token: the dashboard logs in with it. */
  person: string;
  /** An agent on MCP, registered as a session. */
  agent: McpClient;
  agentId: string;
}

/**
 * A real hub process (with extra `baton serve` flags, if any), a coordinator's token for the person at
 * the dashboard, and one agent on the official MCP client, registered under `name`.
 */
export async function startTeam(name = 'builder-1', hubArgs: string[] = []): Promise<Team> {
  const hub = await startHubProcess({ args: hubArgs });
  const person = await makeToken(hub.url, 'coordinator');
  const agent = await connect(hub.url, name);
  const registered = await agent.call('collab_directory', { operation: 'register', name, client: 'claude-code' });
  return { hub, person, agent, agentId: String(registered.session.id) };
}
