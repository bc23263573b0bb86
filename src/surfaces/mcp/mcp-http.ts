import { randomUUID } from 'node:crypto';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { isInitializeRequest, type InitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Context, Hono } from 'hono';
import { isBatonError } from '../../core/errors.js';
import type { Hub } from '../../hub/hub.js';
import type { Log } from '../../server/log.js';
import type { Access } from '../../hub/access.js';
import { accessOf, SESSION_HEADER } from '../http/caller.js';
import { createMcpServer } from './mcp-server.js';
import { foreignOrigin } from './origin-check.js';
import { McpSessions, type McpSession } from './mcp-sessions.js';
import { readJsonBody, rpcError, toolCallIds } from './request-body.js';
import { bindSession } from './session-binding.js';

export interface McpMount {
  mount(app: Hono): void;
  close(): Promise<void>;
}

export interface McpOptions {
  version: string;
  log: Log;
  /** How often a long call tells a client that asked for progress that it is still running. */
  progressEveryMs?: number;
  /** MCP sessions unused this long are closed; their clients start a new one. */
  idleSessionMs?: number;
  /**
   * Starts every session id. A session lives in the node that opened it, so with several nodes the
   * prefix names the node and a load balancer routes by it.
   */
  sessionPrefix?: string;
}

const MCP_SESSION_HEADER = 'mcp-session-id';

/**
 * MCP over Streamable HTTP at /mcp, stateful: each MCP session has its own transport and server,
 * bound to a Baton session created (or named by X-Baton-Session) when the client initializes.
 */
export function mountMcp(hub: Hub, options: McpOptions): McpMount {
  const sessions = new McpSessions();
  const idleMs = options.idleSessionMs ?? 12 * 60 * 60_000;
  const sweep = setInterval(() => void sessions.closeIdle(idleMs), Math.min(idleMs, 10 * 60_000));
  sweep.unref();
  let closing = false;

  async function post(c: Context): Promise<Response> {
    // Same ceiling as the JSON API: large documents go through the streaming HTTP upload.
    const body = await readJsonBody(c.req.raw, hub.context.limits.requestBytes);
    if (!body.ok) return body.response;
    const id = c.req.header(MCP_SESSION_HEADER);
    if (id) {
      const session = sessions.get(id);
      if (!session) return rpcError(404, 'Session not found: initialize again', -32001);
      if (!sameToken(session, accessOf(c))) return foreignSession();
      for (const callId of toolCallIds(body.value)) session.connections.set(callId, c.req.raw.signal);
      return withSessionHeader(await session.transport.handleRequest(c.req.raw, { parsedBody: body.value }), session);
    }
    if (!isInitializeRequest(body.value)) return rpcError(400, 'Bad Request: No valid session ID provided');
    if (closing) return rpcError(503, 'the hub is shutting down');
    return initialize(c.req.raw, body.value, accessOf(c));
  }

  async function initialize(request: Request, init: InitializeRequest, access: Access): Promise<Response> {
    let session: McpSession;
    try {
      session = await openSession(request, init, access);
    } catch (error) {
      if (!isBatonError(error)) throw error;
      return rpcError(error.status, error.message);
    }
    const response = await session.transport.handleRequest(request, { parsedBody: init });
    // A refused initialize (wrong Accept header, say) leaves no MCP session, so no Baton session either.
    if (!response.ok && session.binding.autoCreated) await hub.sessions.discardIfUnused(session.binding.session.id);
    return withSessionHeader(response, session);
  }

  async function openSession(request: Request, init: InitializeRequest, access: Access): Promise<McpSession> {
    const binding = await bindSession(hub, request.headers, init.params.clientInfo, access);
    const connections = new Map<string | number, AbortSignal>();
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => `${options.sessionPrefix ?? ''}${randomUUID()}`,
      onsessioninitialized: (id) => sessions.add(id, session),
      onsessionclosed: (id) => sessions.remove(id),
    });
    const server = createMcpServer({
      hub,
      binding,
      version: options.version,
      log: options.log,
      progressEveryMs: options.progressEveryMs ?? 15_000,
      connectionOf: (callId) => takeConnection(connections, callId),
      track: (call) => sessions.track(call, session),
    });
    const session: McpSession = { transport, server, binding, lastActive: Date.now(), calls: 0, connections };
    transport.onclose = () => transport.sessionId && sessions.remove(transport.sessionId);
    await server.connect(transport);
    return session;
  }

  /** GET (the server's event stream) and DELETE (end of session) need a known session. */
  async function other(c: Context): Promise<Response> {
    const id = c.req.header(MCP_SESSION_HEADER);
    if (!id) return rpcError(400, 'Bad Request: Mcp-Session-Id header is required');
    const session = sessions.get(id);
    if (!session) return rpcError(404, 'Session not found: initialize again', -32001);
    if (!sameToken(session, accessOf(c))) return foreignSession();
    return session.transport.handleRequest(c.req.raw);
  }

  return {
    mount(app) {
      app.use('/mcp', async (c, next) => {
        const origin = foreignOrigin(c.req.raw, hub.context.links.base);
        if (origin !== undefined) return rpcError(403, `Forbidden: requests from origin '${origin}' are not accepted`);
        return next();
      });
      app.post('/mcp', post);
      app.get('/mcp', other);
      app.delete('/mcp', other);
    },
    async close() {
      closing = true;
      clearInterval(sweep);
      await sessions.closeAll();
    },
  };
}

/** An MCP session id is not a credential: only the token that opened the session may use it. */
const sameToken = (session: McpSession, access: Access): boolean => session.binding.access.tokenId === access.tokenId;

const foreignSession = (): Response => rpcError(403, 'Forbidden: this MCP session was opened with another token');

function takeConnection(connections: Map<string | number, AbortSignal>, callId: string | number): AbortSignal | undefined {
  const signal = connections.get(callId);
  connections.delete(callId);
  return signal;
}

/** Tells the client which Baton session it speaks as, so it can name it again after a reconnect. */
function withSessionHeader(response: Response, session: McpSession): Response {
  try {
    response.headers.set(SESSION_HEADER, session.binding.session.id);
  } catch {
    // Immutable headers: the client just does not learn the id this way.
  }
  return response;
}
