import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll } from 'vitest';
import { silentLog } from '../../src/server/log.js';
import { OPEN_ACCESS } from '../../src/hub/access.js';
import { WaitGauge } from '../../src/surfaces/http/wait-gauge.js';
import { createWorkspaceApp } from '../../src/surfaces/http/workspace-app.js';
import { mountMcp, type McpMount, type McpOptions } from '../../src/surfaces/mcp/mcp-http.js';
import { openTestHub, type TestHub } from '../support/test-hub.js';

export interface InProcessHub extends TestHub {
  url: string;
  mcp: McpMount;
}

/**
 * The real hub and MCP surface served on a free loopback port inside the test process, for what a
 * test must set or see from inside: the progress interval, the clock, the event bus.
 */
export async function startInProcessHub(options: Partial<McpOptions> = {}): Promise<InProcessHub> {
  const test = await openTestHub();
  const mcp = mountMcp(test.hub, { version: 'test', log: silentLog, ...options });
  const app = createWorkspaceApp(test.hub, { waits: new WaitGauge(), streams: new WaitGauge() }, { mount: mcp.mount });
  // The hub's front door is not under test here: every request comes in with open (loopback) rights.
  const server = serve({ fetch: (request) => app.fetch(request, { access: OPEN_ACCESS }), port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
  const { port } = server.address() as AddressInfo;
  afterAll(async () => {
    test.hub.waits.close();
    await mcp.close();
    if ('closeAllConnections' in server) server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await test.hub.close();
  });
  return { ...test, url: `http://127.0.0.1:${port}`, mcp };
}
