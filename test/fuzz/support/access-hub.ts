import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { atFileEnd } from '../../support/cleanup.js';
import { startHubProcess, type HubProcess } from '../../support/hub-process.js';
import { tempDir } from '../../support/temp-dir.js';
import { expectWellFormed, send, type RawReply, type RawRequest } from './raw-http.js';
import { COUNTS, snapshot } from './fuzz-hub.js';

/** What the data dir may hold: the default workspace's files, the control file, the admin token, the other workspaces. */
const DATA_ENTRY = /^(hub\.db(-wal|-shm|-journal)?|hub\.lock(-journal)?|hub\.json|blobs|control\.db(-wal|-shm|-journal)?|admin\.token|workspaces)$/;
const WORKSPACE_ENTRY = /^(hub\.db(-wal|-shm|-journal)?|blobs)$/;

/** The status each error code of the hub comes with (431: headers over Node's limit). */
const CODE_STATUS: Record<string, number[]> = {
  invalid_input: [400],
  unauthenticated: [401],
  forbidden: [403],
  not_found: [404],
  conflict: [409],
  too_large: [413, 431],
  rate_limited: [429],
};

export interface JsonReply {
  status: number;
  body: Record<string, any>;
}

export interface TokenView {
  id: string;
  name: string;
  role: string;
  workspace: string | null;
  state: string;
}

export interface AccessHub {
  hub: HubProcess;
  url: string;
  /** The admin token the hub wrote into its data dir. */
  admin: string;
  dataDir: string;
  /** A JSON request as a token (the admin's unless given); the body is sent as JSON. */
  json(method: string, path: string, body?: unknown, token?: string, headers?: Record<string, string>): Promise<JsonReply>;
  /** Every token, revoked ones too, as the admin sees them. */
  tokens(): Promise<TokenView[]>;
  /** The names and trust of every workspace. */
  workspaces(): Promise<{ name: string; trust: string }[]>;
  /** Rows in the tables writes add to, in one workspace's file. */
  counts(workspace: string): Record<string, number>;
  expectAlive(): Promise<void>;
  /**
   * Nothing outside the data dir was created or changed, the data dir holds only hub files, and
   * `workspaces/` holds a directory for exactly the workspaces that exist.
   */
  expectDisk(): Promise<void>;
}

/** A real hub process (rate limit off unless args say otherwise) with its data dir next to a canary dir. */
export async function startAccessHub(args: string[] = ['--rate-limit', '0']): Promise<AccessHub> {
  const root = tempDir('baton-access-fuzz-');
  const dataDir = join(root, 'data');
  const canary = join(root, 'canary');
  mkdirSync(join(canary, 'etc'), { recursive: true });
  writeFileSync(join(canary, 'etc', 'passwd'), 'root:x:0:0\n');
  writeFileSync(join(canary, 'secret.md'), '# not for the hub\n');
  const outside = (path: string) => !path.startsWith('data');
  const before = snapshot(root, outside);
  const hub = await startHubProcess({ dataDir, args });
  const admin = hub.token!;
  const json = (method: string, path: string, body?: unknown, token = admin, headers: Record<string, string> = {}) =>
    sendJson(hub.url, { method, path, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const workspaces = async () => (await json('GET', '/api/v1/workspaces')).body.workspaces as { name: string; trust: string }[];
  const counter = workspaceCounts(dataDir);
  return {
    hub,
    url: hub.url,
    admin,
    dataDir,
    json,
    tokens: async () => (await json('GET', '/api/v1/tokens?all=true')).body.tokens as TokenView[],
    workspaces,
    counts: counter,
    expectAlive: async () => {
      expect(hub.process.exitCode, hub.stderr()).toBeNull();
      expect((await fetch(`${hub.url}/healthz`)).status).toBe(200);
    },
    expectDisk: async () => {
      expect(snapshot(root, outside)).toEqual(before);
      expect(readdirSync(root).sort()).toEqual(['canary', 'data']);
      expect(readdirSync(dataDir).filter((name) => !DATA_ENTRY.test(name))).toEqual([]);
      const listed = (await workspaces()).map((w) => w.name).filter((name) => name !== 'default').sort();
      const dirs = existsSync(join(dataDir, 'workspaces')) ? readdirSync(join(dataDir, 'workspaces')).sort() : [];
      expect(dirs, 'workspace directories').toEqual(listed);
      for (const dir of [dataDir, ...dirs.map((name) => join(dataDir, 'workspaces', name))]) {
        if (dir !== dataDir) expect(readdirSync(dir).filter((name) => !WORKSPACE_ENTRY.test(name)), dir).toEqual([]);
        expect(readdirSync(join(dir, 'blobs', 'tmp')), `unfinished uploads in ${dir}`).toEqual([]);
      }
    },
  };
}

/** One request; the answer's JSON (or its text, when it is not JSON). */
export async function sendJson(url: string, req: RawRequest): Promise<JsonReply> {
  const reply = await send(url, req);
  return { status: reply.status, body: parse(reply.text) };
}

/**
 * No 5xx, and a refusal is the hub's: the one JSON shape with a code that matches its status. The
 * MCP transport answers its own protocol errors in JSON-RPC, and pages refuse in HTML.
 */
export function expectHubAnswer(reply: RawReply, label: string, method: string, mcp = false): void {
  const context = `${label} -> ${reply.status} ${reply.text.slice(0, 300)}`;
  expect(reply.status, context).toBeLessThan(500);
  if (reply.status < 400 || method === 'HEAD' || reply.contentType.startsWith('text/html')) return;
  const json = parse(reply.text);
  if (mcp && json.jsonrpc === '2.0') return;
  expectWellFormed(reply, label, method);
  expect(CODE_STATUS[json.code as string], context).toContain(reply.status);
}

/** Counts per workspace file, each opened read-only once and closed when the file ends. */
function workspaceCounts(dataDir: string): (workspace: string) => Record<string, number> {
  const open = new Map<string, Database.Statement>();
  return (workspace) => {
    let counts = open.get(workspace);
    if (!counts) {
      const file = workspace === 'default' ? join(dataDir, 'hub.db') : join(dataDir, 'workspaces', workspace, 'hub.db');
      const db = new Database(file, { readonly: true, fileMustExist: true });
      atFileEnd(() => db.close());
      counts = db.prepare(COUNTS);
      open.set(workspace, counts);
    }
    return counts.get() as Record<string, number>;
  };
}

function parse(text: string): Record<string, any> {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, any>) : { value };
  } catch {
    return { unparsed: text.slice(0, 300) };
  }
}
