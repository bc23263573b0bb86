import { expect } from 'vitest';
import type { McpClient, Reply } from '../../support/mcp-client.js';
import { api, registerSession, type ApiReply } from './claims-rest.js';

/** One try at a claim (or a completion): who won, with its claim number, or the refusal's text. */
export interface Attempt {
  won: boolean;
  claim?: number;
  error?: string;
}

/** A contender in a claim race, over HTTP or over MCP; the same three moves either way. */
export interface Claimer {
  id: string;
  name: string;
  transport: 'http' | 'mcp';
  claim(taskId: string): Promise<Attempt>;
  /** The convention: a `✋ Claimed` reply to the handoff. */
  claimByReply(taskId: string): Promise<Attempt>;
  complete(taskId: string, result: string, claim?: number): Promise<Attempt>;
}

/** A refusal must be a conflict (409); anything else fails the test rather than count as a loss. */
function httpAttempt(reply: ApiReply, okStatus: number): Attempt {
  if (reply.status === okStatus) return { won: true, ...(reply.body.task ? { claim: reply.body.task.claim as number } : {}) };
  expect(reply.status, JSON.stringify(reply.body).slice(0, 300)).toBe(409);
  return { won: false, error: reply.body.error as string };
}

function mcpAttempt(reply: Reply): Attempt {
  if (reply.isError !== true) {
    expect(reply.success).toBe(true);
    return { won: true, ...(reply.task ? { claim: reply.task.claim as number } : {}) };
  }
  expect(reply.success).toBe(false);
  return { won: false, error: reply.error as string };
}

export async function httpClaimer(url: string, name: string): Promise<Claimer> {
  const id = await registerSession(url, name);
  const act = (taskId: string, action: string, body: object) => api(url, id, 'POST', `/tasks/${taskId}/${action}`, body);
  return {
    id,
    name,
    transport: 'http',
    claim: async (taskId) => httpAttempt(await act(taskId, 'claim', {}), 200),
    claimByReply: async (taskId) => httpAttempt(await api(url, id, 'POST', '/channels/handoffs/messages', { title: '✋ Claimed', body: `${name} taking it`, reply_to: taskId }), 201),
    complete: async (taskId, result, claim) => httpAttempt(await act(taskId, 'complete', { result, ...(claim ? { claim } : {}) }), 200),
  };
}

export async function mcpClaimer(agent: McpClient): Promise<Claimer> {
  const me = await agent.call('collab_directory', { operation: 'whoami' });
  const tasks = (args: Record<string, unknown>) => agent.call('collab_tasks', args);
  return {
    id: me.session.id as string,
    name: me.session.name as string,
    transport: 'mcp',
    claim: async (taskId) => mcpAttempt(await tasks({ operation: 'claim', task_id: taskId })),
    claimByReply: async (taskId) =>
      mcpAttempt(await agent.call('collab_channels', { operation: 'post', channel_name: 'handoffs', title: '✋ Claimed', message: 'taking it', reply_to: taskId })),
    complete: async (taskId, result, claim) => mcpAttempt(await tasks({ operation: 'complete', task_id: taskId, result, ...(claim ? { claim } : {}) })),
  };
}

/** `count` claimers: the first half over HTTP, the second half over MCP, each MCP one on its own connection. */
export async function claimersOver(url: string, count: number, connect: (url: string, name: string) => Promise<McpClient>): Promise<Claimer[]> {
  const half = count / 2;
  const http = await Promise.all(Array.from({ length: half }, (_, i) => httpClaimer(url, `http-claimer-${i}`)));
  const mcp = await Promise.all(Array.from({ length: count - half }, async (_, i) => mcpClaimer(await connect(url, `mcp-claimer-${i}`))));
  return [...http, ...mcp];
}
