import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll } from 'vitest';

export interface McpAgent {
  client: Client;
  /** Calls a tool and returns its JSON result; `isError` results come back too, flagged. */
  call(tool: string, args: Record<string, unknown>): Promise<Record<string, any>>;
  close(): Promise<void>;
}

/** An agent instance: the official MCP SDK client over Streamable HTTP, named like a real client. */
export async function connectAgent(hubUrl: string, name: string): Promise<McpAgent> {
  const client = new Client({ name, version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', hubUrl)));
  const agent: McpAgent = {
    client,
    call: async (tool, args) => {
      const result = await client.callTool({ name: tool, arguments: args }, undefined, { timeout: 120_000 });
      const content = result.content as { type: string; text: string }[];
      const parsed = JSON.parse(content[0]!.text) as Record<string, any>;
      return result.isError ? { ...parsed, isError: true } : parsed;
    },
    close: () => client.close(),
  };
  afterAll(() => agent.close().catch(() => {}));
  return agent;
}
