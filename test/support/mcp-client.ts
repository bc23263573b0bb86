import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { RequestOptions } from '@modelcontextprotocol/sdk/shared/protocol.js';
import { expect } from 'vitest';
import { atFileEnd } from './cleanup.js';
import { authHeaders } from './hub-tokens.js';

/** A tool's JSON reply, read loosely: the tests check its shape with expect. */
export type Reply = Record<string, any>;

export interface McpClient {
  client: Client;
  /**
   * Calls a tool; the reply is its JSON text, with `isError: true` added when the result was flagged,
   * and peer text read as its author wrote it (the fence has tests of its own that use callRaw).
   */
  call(tool: string, args: Record<string, unknown>, options?: RequestOptions): Promise<Reply>;
  /** The reply exactly as the hub sent it, fences included. */
  callRaw(tool: string, args: Record<string, unknown>, options?: RequestOptions): Promise<Reply>;
  close(): Promise<void>;
}

/** The official SDK client over any transport, closed when the test file ends. */
export async function connectOver(transport: Transport, name: string): Promise<McpClient> {
  const client = new Client({ name, version: '1.0.0' });
  await client.connect(transport);
  const mcp: McpClient = {
    client,
    call: async (tool, args, options) => unfenced(await mcp.callRaw(tool, args, options)) as Reply,
    callRaw: async (tool, args, options) => {
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

/**
 * An MCP client over Streamable HTTP at the hub's /mcp (or a workspace's `/w/<name>/mcp`), named
 * like a real client, presenting the hub's admin token unless the headers bring their own.
 */
export function connect(hubUrl: string, name: string, headers: Record<string, string> = {}, path = '/mcp'): Promise<McpClient> {
  const all = { ...authHeaders(hubUrl), ...headers };
  return connectOver(new StreamableHTTPClientTransport(new URL(path, hubUrl), { requestInit: { headers: all } }), name);
}

/** Peer text without its fence `⟦peer s-…⟧…⟦/peer⟧`, and without the note that explains the fence. */
function unfenced(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/^⟦peer [^⟧]*⟧([\s\S]*)⟦\/peer⟧$/, '$1');
  if (Array.isArray(value)) return value.map(unfenced);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'peer_text').map(([key, item]) => [key, unfenced(item)]));
}
