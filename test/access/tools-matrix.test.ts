import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../src/domain/roles.js';
import { channelTool } from '../../src/surfaces/mcp/channel-tool.js';
import { directoryTool } from '../../src/surfaces/mcp/directory-tool.js';
import { documentTool } from '../../src/surfaces/mcp/document-tool.js';
import { taskTool } from '../../src/surfaces/mcp/task-tool.js';
import { TOOLS } from '../../src/surfaces/mcp/tool-definitions.js';
import { connect, connectOver, type McpClient } from '../support/mcp-client.js';
import {
  adminOf,
  createWorkspace,
  expectStatus,
  makeToken,
  MCP_ACCEPT,
  openMcpSession,
  registerSession,
  send,
  startAccessHub,
  type Role,
} from './support.js';

type Args = Record<string, unknown>;

/** A client of one role, and the Baton session it speaks as right now (register can change it). */
interface Caller {
  role: Role;
  mcp: McpClient;
  session(): Promise<string>;
}

/** Things in `default` the calls point at, and makers of fresh ones (made over HTTP by the admin). */
interface Fixtures {
  message: string;
  document: string;
  task: string;
  adminSession: string;
  agentSession: string;
  handoff(holder?: string): Promise<string>;
  alert(): Promise<string>;
  newDocument(): Promise<string>;
  deletedDocument(): Promise<string>;
  unique(prefix: string): string;
}

interface Operation {
  tool: string;
  operation: string;
  least: Role;
  args(fx: Fixtures, caller: Caller): Args | Promise<Args>;
}

const op = (tool: string, operation: string, least: Role, args: Operation['args'] = () => ({})): Operation => ({ tool, operation, least, args });

/** Every operation of every tool, with the least role it lets through and arguments that make it succeed. */
const OPERATIONS: readonly Operation[] = [
  op('collab_channels', 'list', 'viewer'),
  op('collab_channels', 'read', 'viewer', () => ({ channel_name: 'general', limit: 5 })),
  op('collab_channels', 'wait', 'viewer', () => ({ channel_name: 'general', timeout: 0 })),
  op('collab_channels', 'post', 'agent', () => ({ channel_name: 'general', message: 'from the tool matrix' })),
  op('collab_channels', 'create', 'coordinator', (fx) => ({ channel_name: fx.unique('tools') })),
  op('collab_documents', 'list', 'viewer', () => ({ recursive: true })),
  op('collab_documents', 'download', 'viewer', (fx) => ({ document_id: fx.document })),
  op('collab_documents', 'versions', 'viewer', (fx) => ({ document_id: fx.document })),
  op('collab_documents', 'upload', 'agent', (fx) => ({ folder_path: 'tools', file_name: `${fx.unique('upload')}.md`, content: '# uploaded' })),
  op('collab_documents', 'move', 'agent', async (fx) => ({ document_id: await fx.newDocument(), to: `tools/${fx.unique('moved')}.md` })),
  op('collab_documents', 'delete', 'agent', async (fx) => ({ document_id: await fx.newDocument() })),
  op('collab_documents', 'restore', 'coordinator', async (fx) => ({ document_id: await fx.deletedDocument() })),
  op('collab_directory', 'list_users', 'viewer'),
  op('collab_directory', 'get_user', 'viewer', (fx) => ({ user_id: fx.adminSession })),
  op('collab_directory', 'whoami', 'viewer'),
  op('collab_directory', 'register', 'viewer', (fx) => ({ name: fx.unique('registered') })),
  op('collab_tasks', 'list', 'viewer'),
  op('collab_tasks', 'get', 'viewer', (fx) => ({ task_id: fx.task })),
  op('collab_tasks', 'create', 'agent', () => ({ task: 'from the tool matrix' })),
  op('collab_tasks', 'claim', 'agent', async (fx) => ({ task_id: await fx.handoff() })),
  op('collab_tasks', 'renew', 'agent', async (fx, me) => ({ task_id: await fx.handoff(await me.session()), lease_seconds: 600 })),
  op('collab_tasks', 'release', 'agent', async (fx, me) => ({ task_id: await fx.handoff(await me.session()), reason: 'matrix' })),
  op('collab_tasks', 'complete', 'agent', async (fx, me) => ({ task_id: await fx.handoff(await me.session()), result: 'done' })),
  op('collab_tasks', 'fail', 'agent', async (fx, me) => ({ task_id: await fx.handoff(await me.session()), reason: 'matrix' })),
  op('collab_tasks', 'ack', 'agent', async (fx) => ({ task_id: await fx.alert() })),
  op('collab_tasks', 'resolve', 'agent', async (fx) => ({ task_id: await fx.alert(), result: 'fixed' })),
  op('collab_tasks', 'cancel', 'coordinator', async (fx) => ({ task_id: await fx.handoff(), reason: 'matrix' })),
  op('collab_tasks', 'reassign', 'coordinator', async (fx) => ({ task_id: await fx.handoff(), to: fx.agentSession })),
];

const rank = (role: Role): number => ROLES.indexOf(role);
const CALLER_ROLES: readonly Role[] = ['viewer', 'agent', 'coordinator', 'admin'];

let url: string;
let fx: Fixtures;
const secrets = {} as Record<Role, string>;
const callers = {} as Record<Role, Caller>;
let otherSecret: string;

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

async function callerOf(role: Role): Promise<Caller> {
  const mcp = await connect(url, `${role}-client`, bearer(secrets[role]));
  return { role, mcp, session: async () => (await mcp.call('collab_directory', { operation: 'whoami' })).session.id as string };
}

async function makeFixtures(): Promise<Fixtures> {
  const admin = adminOf(url);
  const adminSession = await registerSession(url, admin, 'tools-admin');
  const asAdmin = (path: string, body: unknown) => expectStatus(url, { method: 'POST', path, token: admin, body, headers: { 'x-baton-session': adminSession } }, 201);
  let counter = 0;
  const unique = (prefix: string) => `${prefix}-${++counter}`;
  const newDocument = async () => (await asAdmin('/api/v1/documents', { folder_path: 'tools', file_name: `${unique('doc')}.md`, content: '# fixture' })).document.id as string;
  return {
    message: (await asAdmin('/api/v1/channels/general/messages', { title: 'tools fixture' })).message.id,
    document: await newDocument(),
    task: (await asAdmin('/api/v1/tasks', { task: 'tools fixture' })).task.id,
    adminSession,
    agentSession: await callers.agent.session(),
    handoff: async (holder) => (await asAdmin('/api/v1/tasks', { task: 'tools handoff', ...(holder ? { assignee: holder } : {}) })).task.id,
    alert: async () => (await asAdmin('/api/v1/tasks', { kind: 'alert', task: 'tools alert' })).task.id,
    newDocument,
    deletedDocument: async () => {
      const id = await newDocument();
      await expectStatus(url, { method: 'POST', path: '/api/v1/documents/delete', token: admin, body: { document_id: id }, headers: { 'x-baton-session': adminSession } }, 200);
      return id;
    },
    unique,
  };
}

beforeAll(async () => {
  ({ url } = await startAccessHub());
  await createWorkspace(url, 'other');
  secrets.admin = adminOf(url);
  for (const role of ['viewer', 'agent', 'coordinator'] as const) secrets[role] = (await makeToken(url, role, { name: `${role}-default` })).secret;
  otherSecret = (await makeToken(url, 'agent', { workspace: 'other', name: 'agent-other' })).secret;
  for (const role of CALLER_ROLES) callers[role] = await callerOf(role);
  fx = await makeFixtures();
});

/** Connecting over Streamable HTTP with these headers fails with this HTTP status. */
async function expectConnectRefused(headers: Record<string, string>, path: string, status: number): Promise<void> {
  const transport = new StreamableHTTPClientTransport(new URL(path, url), { requestInit: { headers } });
  await expect(connectOver(transport, 'refused-client')).rejects.toMatchObject({ code: status });
}

describe('MCP: who may connect', () => {
  it('connecting without a token fails with 401', async () => {
    await expectConnectRefused({}, '/mcp', 401);
  });

  it('connecting with a garbage token fails with 401', async () => {
    await expectConnectRefused(bearer('baton_this-is-no-token-of-this-hub'), '/mcp', 401);
  });

  it("connecting to /mcp with a token of 'other' fails with 403", async () => {
    await expectConnectRefused(bearer(otherSecret), '/mcp', 403);
  });

  it("connecting to /w/other/mcp with a token of 'default' fails with 403", async () => {
    for (const role of ['viewer', 'agent', 'coordinator'] as const) await expectConnectRefused(bearer(secrets[role]), '/w/other/mcp', 403);
  });

  it("the token of 'other' connects to /w/other/mcp and sees that workspace", async () => {
    const mcp = await connect(url, 'other-client', bearer(otherSecret), '/w/other/mcp');
    const reply = await mcp.call('collab_channels', { operation: 'list' });
    expect(reply.channels.map((c: { name: string }) => c.name).sort()).toEqual(['alerts', 'general', 'handoffs']);
    expect(reply.channels[0].web_url).toContain('/w/other/');
  });
});

describe('MCP: a session id is not a credential', () => {
  const LIST_TOOLS = { jsonrpc: '2.0', id: 2, method: 'tools/list' };
  const withSession = (id: string) => ({ ...MCP_ACCEPT, 'mcp-session-id': id, 'mcp-protocol-version': '2025-06-18' });

  it('a session opened with one token is refused 403 to every other token, on POST, GET and DELETE', async () => {
    const id = await openMcpSession(url, secrets.viewer);
    for (const role of ['agent', 'coordinator', 'admin'] as const) {
      for (const method of ['POST', 'GET', 'DELETE']) {
        const reply = await send(url, { method, path: '/mcp', token: secrets[role], headers: withSession(id), ...(method === 'POST' ? { body: LIST_TOOLS } : {}) });
        expect(reply.status, `${method} as ${role}: ${reply.text.slice(0, 200)}`).toBe(403);
        expect(reply.text).toContain('opened with another token');
      }
    }
  });

  it('the token that opened the session still uses it after the refusals', async () => {
    const id = await openMcpSession(url, secrets.viewer);
    await send(url, { method: 'DELETE', path: '/mcp', token: secrets.agent, headers: withSession(id) });
    const reply = await send(url, { method: 'POST', path: '/mcp', token: secrets.viewer, headers: withSession(id), body: LIST_TOOLS });
    expect(reply.status, reply.text.slice(0, 200)).toBe(200);
    expect(reply.text).toContain('collab_channels');
  });

  it("a session of /w/other cannot be used at /mcp, even by the token that opened it", async () => {
    const id = await openMcpSession(url, otherSecret, '/w/other/mcp');
    const reply = await send(url, { method: 'POST', path: '/mcp', token: otherSecret, headers: withSession(id), body: LIST_TOOLS });
    expect(reply.status).toBe(403);
    const admin = await send(url, { method: 'POST', path: '/mcp', token: secrets.admin, headers: withSession(id), body: LIST_TOOLS });
    expect(admin.status, 'an MCP session lives in its own workspace only').toBe(404);
  });
});

describe('MCP: every tool operation lets in only the roles it should', () => {
  for (const role of CALLER_ROLES) {
    describe(`as ${role}`, () => {
      for (const operation of OPERATIONS) {
        const name = `${operation.tool} ${operation.operation}`;
        if (rank(role) >= rank(operation.least)) {
          it(`${name} succeeds`, async () => {
            const caller = callers[role];
            const reply = await caller.mcp.call(operation.tool, { operation: operation.operation, ...(await operation.args(fx, caller)) });
            expect(reply.isError, JSON.stringify(reply).slice(0, 300)).toBeUndefined();
          });
        } else {
          it(`${name} is an error result: forbidden, naming the ${operation.least} role`, async () => {
            const caller = callers[role];
            const reply = await caller.mcp.call(operation.tool, { operation: operation.operation, ...(await operation.args(fx, caller)) });
            expect(reply).toMatchObject({ isError: true, success: false, code: 'forbidden' });
            expect(reply.error).toContain(`needs the ${operation.least} role`);
            expect(reply.error).toContain(`is ${role}`);
          });
        }
      }
    });
  }
});

describe('the tool table', () => {
  it('has a row for every operation the tools list and the handlers run', async () => {
    const handlers = { collab_channels: channelTool, collab_documents: documentTool, collab_directory: directoryTool, collab_tasks: taskTool };
    const { tools } = await callers.viewer.mcp.client.listTools();
    const listed = tools.flatMap((t) => ((t.inputSchema.properties?.operation as { enum: string[] }).enum ?? []).map((o) => `${t.name} ${o}`));
    const handled = Object.entries(handlers).flatMap(([tool, handler]) => Object.keys(handler.operations).map((o) => `${tool} ${o}`));
    const table = OPERATIONS.map((o) => `${o.tool} ${o.operation}`);
    expect(new Set(tools.map((t) => t.name))).toEqual(new Set(TOOLS.map((t) => t.name)));
    expect(new Set(table)).toEqual(new Set([...listed, ...handled]));
    expect(table).toHaveLength(new Set(table).size);
  });
});
