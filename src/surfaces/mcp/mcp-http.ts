import type { Hono } from 'hono';
import type { Hub } from '../../hub/hub.js';
import type { Log } from '../../server/log.js';

export interface McpMount {
  mount(app: Hono): void;
  close(): Promise<void>;
}

/** Placeholder until the MCP surface lands. */
export function mountMcp(_hub: Hub, _options: { version: string; log: Log }): McpMount {
  return { mount: () => {}, close: async () => {} };
}
