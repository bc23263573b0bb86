import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type RequestId } from '@modelcontextprotocol/sdk/types.js';
import type { Hub } from '../../hub/hub.js';
import type { Log } from '../../server/log.js';
import { channelTool } from './channel-tool.js';
import { directoryTool } from './directory-tool.js';
import { documentTool } from './document-tool.js';
import { heartbeat } from './progress-heartbeat.js';
import type { SessionBinding } from './session-binding.js';
import { taskTool } from './task-tool.js';
import { runTool, type ToolHandler } from './tool-call.js';
import { SERVER_INSTRUCTIONS, TOOLS } from './tool-definitions.js';

const HANDLERS: Readonly<Record<string, ToolHandler>> = {
  collab_channels: channelTool,
  collab_documents: documentTool,
  collab_directory: directoryTool,
  collab_tasks: taskTool,
};

const CLIENT_GONE = /No connection established|Not connected/;

export interface McpServerOptions {
  hub: Hub;
  binding: SessionBinding;
  version: string;
  log: Log;
  progressEveryMs: number;
  /** The signal of the HTTP request that carried a call: it aborts when that client goes away. */
  connectionOf(requestId: RequestId): AbortSignal | undefined;
  /** Told of every call in flight, so shutdown can let them answer first. */
  track(call: Promise<unknown>): void;
}

/** One MCP server per MCP session: it lists the tools and turns each call into one hub call. */
export function createMcpServer(options: McpServerOptions): Server {
  const server = new Server({ name: 'baton', version: options.version }, { capabilities: { tools: {} }, instructions: SERVER_INSTRUCTIONS });
  server.onerror = (error) => {
    // An answer to a client that has gone away is expected, not worth a log line.
    if (!CLIENT_GONE.test(error.message)) options.log.error('MCP error', error);
  };
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [...TOOLS] }));
  server.setRequestHandler(CallToolRequestSchema, (request, extra) => {
    const connection = options.connectionOf(extra.requestId);
    const signal = connection ? AbortSignal.any([extra.signal, connection]) : extra.signal;
    const stop = heartbeat(extra, options.progressEveryMs);
    const { name, arguments: args = {} } = request.params;
    const ctx = { hub: options.hub, binding: options.binding, signal };
    const call = runTool(HANDLERS, name, args, ctx, options.log).finally(stop);
    options.track(call);
    return call;
  });
  return server;
}
