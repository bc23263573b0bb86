import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { RequestHandlerExtra, RequestOptions } from '@modelcontextprotocol/sdk/shared/protocol.js';
import {
  CallToolRequestSchema,
  ListToolsRequestSchema,
  McpError,
  type CallToolRequest,
  type CallToolResult,
  type ServerNotification,
  type ServerRequest,
} from '@modelcontextprotocol/sdk/types.js';
import type { Log } from '../../server/log.js';
import { VERSION } from '../../server/version.js';
import { HubConnection, isSessionLost } from './hub-connection.js';
import { SERVER_INSTRUCTIONS } from './tool-definitions.js';
import { failure } from './tool-result.js';

export interface StdioProxyOptions {
  /** The hub's base URL, e.g. http://127.0.0.1:7420. */
  hubUrl: string;
  log: Log;
  /** A Baton session id to speak as, instead of one named after the client. */
  session?: string;
  /** The bearer token the hub asks for. */
  token?: string;
  /** Another workspace than `default`. */
  workspace?: string;
}

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** Calls get this long without a word from the hub; a wait's progress notifications reset it. */
const QUIET_LIMIT_MS = 60_000;

/**
 * MCP over stdio for clients that start a command: every tools/list and tools/call goes to the
 * hub's /mcp, as the client that started it (its clientInfo names the session). Resolves when
 * stdin closes. Stdout belongs to the protocol; everything else goes to the log.
 */
export async function runStdioProxy(options: StdioProxyOptions): Promise<void> {
  const server = new Server({ name: 'baton', version: VERSION }, { capabilities: { tools: {} }, instructions: SERVER_INSTRUCTIONS });
  const hub = new HubConnection(options.hubUrl, () => server.getClientVersion(), options);
  server.oninitialized = () => void hub.client().catch((e) => options.log.error(`baton mcp: cannot reach the hub at ${options.hubUrl}`, e));
  server.setRequestHandler(ListToolsRequestSchema, async (request, extra) => (await hub.client()).listTools(request.params, { signal: extra.signal }));
  server.setRequestHandler(CallToolRequestSchema, (request, extra) => forwardCall(hub, request.params, extra, options));
  const transport = new StdioServerTransport();
  const stdinClosed = new Promise<void>((resolve) => {
    process.stdin.once('end', resolve);
    process.stdin.once('close', resolve);
    transport.onclose = resolve;
  });
  await server.connect(transport);
  await stdinClosed;
  await server.close().catch(() => {});
  await hub.close();
}

/** Sends a call on, once more if the hub had forgotten the session; a hub that is down is an error result. */
async function forwardCall(hub: HubConnection, params: CallToolRequest['params'], extra: Extra, options: StdioProxyOptions): Promise<CallToolResult> {
  for (let attempt = 0; ; attempt++) {
    const connection = hub.client();
    try {
      return (await (await connection).callTool(params, undefined, callOptions(extra))) as CallToolResult;
    } catch (error) {
      // A protocol error (the hub answered, but with an error) goes back to the client as it is.
      if (extra.signal.aborted || error instanceof McpError) throw error;
      hub.forget(connection);
      if (isSessionLost(error) && attempt === 0) continue;
      options.log.error(`baton mcp: ${params.name} could not reach the hub at ${options.hubUrl}`, error);
      return failure({ success: false, error: `the hub at ${options.hubUrl} did not answer: ${describe(error)}`, code: 'unavailable' });
    }
  }
}

/** Always asks the hub for progress, so long waits keep the call alive; passes it on if the client asked too. */
function callOptions(extra: Extra): RequestOptions {
  const progressToken = extra._meta?.progressToken;
  return {
    signal: extra.signal,
    timeout: QUIET_LIMIT_MS,
    resetTimeoutOnProgress: true,
    onprogress: (progress) => {
      if (progressToken === undefined) return;
      void extra.sendNotification({ method: 'notifications/progress', params: { ...progress, progressToken } }).catch(() => {});
    },
  };
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));
