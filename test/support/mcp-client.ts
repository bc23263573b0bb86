import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { RequestOptions } from '@modelcontextprotocol/sdk/shared/protocol.js';
import { expect } from 'vitest';
import { atFileEnd } from './cleanup.js';

/** A tool's JSON reply, read loosely: the tests check its shape with expect. */
export type Reply = Record<string, any>;

export interface McpClient {
  client: Client;
  /** Calls a tool; the reply is its JSON text, with `isError: true` added when the result was flagged. */
  call(tool: string, args: Record<string, unknown>, options?: RequestOptions): Promise<Reply>;
  close(): Promise<void>;
}

/** The official SDK client over any transport, closed when the test file ends. */
export async function connectOver(transport: Transport, name: string): Promise<McpClient> {
  const client = new Client({ name, version: '1.0.0' });
  await client.connect(transport);
  const mcp: McpClient = {
    client,
    call: async (tool, args, options) => {
      const result = await client.callTool({ name: tool, arguments: args }, undefined, { timeout: 120_000, ...options });
      const content = result.content as { type: string; text: string }[];
      expect(content).toHaveLength(1);
      const reply = JSON.parse(content[0]!.text) as Reply;
      return result.isError ? { ...reply, isError: true } : reply;
    },
    close: () => client.close(),
  };
  atFileEnd(() => mcp.close().catch(() => {}));
  return mcp;
}

/** An MCP client over Streamable HTTP at the hub's /mcp, named like a real client. */
export function connect(hubUrl: string, name: string, headers: Record<string, string> = {}): Promise<McpClient> {
  return connectOver(new StreamableHTTPClientTransport(new URL('/mcp', hubUrl), { requestInit: { headers } }), name);
}
