import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect } from 'vitest';
import { messageId } from '../../../src/core/ids.js';
import { expectBlobsWhole } from './verify.js';
import { sha256 } from './wire.js';
import { send as call } from './wire.js';
import type { MintedToken, StormCast, WorkspaceAcks, Writer } from './workspace-storm.js';
import { expectRowsConsistent } from './verify.js';

/** What one check saw, for the report. */
export interface WorkspaceSeen {
  messages: number;
  versions: number;
  tasks: number;
  tmpFiles: number;
}

/** The directory of a workspace's store and blobs inside the data dir. */
export const workspaceDir = (dataDir: string, workspace: string): string => (workspace === 'default' ? dataDir : join(dataDir, 'workspaces', workspace));

/**
 * Checks a restarted hub against everything one workspace acknowledged: every message, version
 * and claim is there and intact, and nothing half-written shows in its store or blob folder.
 */
export async function verifyWorkspace(url: string, dataDir: string, reader: Writer, acks: WorkspaceAcks): Promise<{ seen: WorkspaceSeen; messages: Set<string>; versions: Set<string> }> {
  expect(acks.ledger.faults).toEqual([]);
  const messages = await everyMessage(url, reader, acks.prefix);
  for (const acked of acks.ledger.messages.values()) {
    const found = messages.get(acked.id);
    expect(found, `acknowledged message ${acks.workspace}/${acked.id}`).toBeDefined();
    expect({ channel: found!.channel, title: found!.title, content: found!.content }).toEqual({ channel: acked.channel, title: acked.title, content: acked.content });
  }
  const versions = await documentsWhole(url, reader, acks);
  const dir = workspaceDir(dataDir, acks.workspace);
  const tasks = await expectTasks(url, reader, acks, messages, dir);
  expectStoreConsistent(dir);
  const tmpFiles = expectBlobsWhole(dir);
  return { seen: { messages: messages.size, versions: versions.size, tasks, tmpFiles }, messages: new Set(messages.keys()), versions };
}

async function everyMessage(url: string, reader: Writer, prefix: string): Promise<Map<string, Record<string, any>>> {
  const seen = new Map<string, Record<string, any>>();
  for (const channel of ['general', 'alerts', 'handoffs']) {
    let since = '0';
    for (;;) {
      const page = await call(url, reader, 'GET', `${prefix}/api/v1/channels/${channel}/messages?since=${since}&limit=200&max_chars=60000`);
      expect(page.status, JSON.stringify(page.body).slice(0, 200)).toBe(200);
      for (const m of page.body.messages as Record<string, any>[]) seen.set(m.id, m);
      since = page.body.next_cursor as string;
      if (!page.body.truncated) break;
    }
  }
  return seen;
}

/** Every visible version's bytes hash to its sha256, and every acknowledged version is among them; returns `<doc id> v<n>` of each. */
async function documentsWhole(url: string, reader: Writer, acks: WorkspaceAcks): Promise<Set<string>> {
  const listed = await call(url, reader, 'GET', `${acks.prefix}/api/v1/documents?folder_path=crash&recursive=true&limit=1000`);
  expect(listed.status).toBe(200);
  const visible = new Map<string, { sha256: string; size: number }>();
  for (const doc of listed.body.documents as Record<string, any>[]) {
    const versions = await call(url, reader, 'GET', `${acks.prefix}/api/v1/documents/versions?document_id=${doc.id}`);
    for (const v of versions.body.versions as Record<string, any>[]) {
      const response = await fetch(`${url}${acks.prefix}/api/v1/documents/content?document_id=${encodeURIComponent(doc.id)}&version=${v.version}`, {
        headers: { authorization: `Bearer ${reader.token}` },
      });
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(response.status, `${acks.workspace}/${doc.path} v${v.version}`).toBe(200);
      expect({ sha256: sha256(bytes), size: bytes.length }, `${acks.workspace}/${doc.path} v${v.version}`).toEqual({ sha256: v.sha256, size: v.size });
      visible.set(`${doc.id} v${v.version}`, { sha256: v.sha256, size: v.size });
    }
  }
  for (const acked of acks.ledger.versions) {
    expect(visible.get(`${acked.documentId} v${acked.version}`), `${acks.workspace}/${acked.path} v${acked.version}`).toEqual({ sha256: acked.sha256, size: acked.size });
  }
  return new Set(visible.keys());
}

/** Acknowledged claims and completions hold; every task agrees with its message. */
async function expectTasks(url: string, reader: Writer, acks: WorkspaceAcks, messages: Map<string, Record<string, any>>, dir: string): Promise<number> {
  for (const acked of acks.ledger.tasks.values()) {
    const answer = await call(url, reader, 'GET', `${acks.prefix}/api/v1/tasks/${acked.id}`);
    expect(answer.status, `acknowledged task ${acks.workspace}/${acked.id}`).toBe(200);
    const task = answer.body.task as Record<string, any>;
    expect(task.task).toBe(acked.task);
    if (acked.completed) expect({ state: task.state, result: task.result }).toEqual({ state: 'completed', result: acked.completed.result });
    if (acked.claim) {
      expect(['claimed', 'completed'], `${acked.id} after its claim`).toContain(task.state);
      expect({ holder: task.holder_id, claim: task.claim }).toEqual({ holder: acked.claim.holderId, claim: acked.claim.fence });
    }
  }
  const rows = readOnly(dir, (db) => db.prepare('SELECT t.seq, t.state, t.holder_id, c.name AS channel FROM tasks t JOIN channels c ON c.id = t.channel_id').all()) as {
    seq: number;
    state: string;
    holder_id: string | null;
    channel: string;
  }[];
  for (const row of rows) {
    const id = messageId(row.seq);
    expect(messages.get(id)?.channel, `message of task ${acks.workspace}/${id}`).toBe(row.channel);
    if (row.state !== 'open') expect(row.holder_id, `holder of ${id}`).toBeTruthy();
  }
  return rows.length;
}

/** Straight from the file: integrity, no dangling rows, no document without its current version. */
function expectStoreConsistent(dir: string): void {
  readOnly(dir, expectRowsConsistent);
}

function readOnly<T>(dir: string, read: (db: Database.Database) => T): T {
  const db = new Database(join(dir, 'hub.db'), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Every audit entry, oldest first, paging with the `after` cursor. */
export async function everyAuditEntry(url: string, admin: Writer): Promise<Record<string, any>[]> {
  const entries: Record<string, any>[] = [];
  for (let after = 0; ; ) {
    const page = await call(url, admin, 'GET', `/api/v1/audit?after=${after}&limit=1000`);
    expect(page.status).toBe(200);
    const batch = page.body.entries as Record<string, any>[];
    if (batch.length === 0) return entries;
    entries.push(...batch);
    after = batch[batch.length - 1]!.id as number;
  }
}

/**
 * The hub answers a write only after its audit entry is stored: each acknowledged write has its
 * entry (action, target, token) in the workspace, and each recorded post or upload is really there.
 */
export function expectAudited(entries: Record<string, any>[], acks: WorkspaceAcks, seen: { messages: Set<string>; versions: Set<string> }): void {
  const recorded = new Set(entries.filter((e) => e.workspace === acks.workspace && e.outcome === 'ok').map((e) => `${e.action} ${e.target} ${e.token_id}`));
  const missing = [...acks.audited].filter((key) => !recorded.has(key));
  expect(missing, `acknowledged writes in ${acks.workspace} without their audit entry`).toEqual([]);
  const ok = entries.filter((e) => e.workspace === acks.workspace && e.outcome === 'ok');
  const lostPosts = ok.filter((e) => e.action === 'message.post' && !seen.messages.has(e.target)).map((e) => e.target);
  expect(lostPosts, `posts in the audit of ${acks.workspace} that are not in it`).toEqual([]);
  const lostUploads = ok.filter((e) => e.action === 'document.upload' && !seen.versions.has(e.target)).map((e) => e.target);
  expect(lostUploads, `uploads in the audit of ${acks.workspace} that are not in it`).toEqual([]);
}

/** Each writer's token and session, and each token made during the storm, still work after the restart. */
export async function expectAccessSurvives(url: string, cast: StormCast, minted: MintedToken[], entries: Record<string, any>[]): Promise<void> {
  const writers: [Writer, string][] = [
    ...Object.values(cast.storm).map((w): [Writer, string] => [w, '/w/storm']),
    ...Object.values(cast.base).map((w): [Writer, string] => [w, '']),
  ];
  for (const [writer, prefix] of writers) {
    const who = await call(url, writer, 'GET', '/api/v1/whoami/token');
    expect(who.body.token?.id, `token ${writer.tokenId} after the restart`).toBe(writer.tokenId);
    const session = await call(url, writer, 'GET', `${prefix}/api/v1/whoami`);
    expect(session.body.session?.id, `session ${writer.session} after the restart`).toBe(writer.session);
  }
  const created = new Set(entries.filter((e) => e.action === 'token.create' && e.outcome === 'ok').map((e) => e.target));
  for (const token of minted) {
    const who = await call(url, { token: token.secret }, 'GET', '/api/v1/whoami/token');
    expect(who.body.token, `minted token ${token.id} after the restart`).toMatchObject({ id: token.id, role: 'viewer', workspace: 'storm' });
    expect(created.has(token.id), `audit entry of minted token ${token.id}`).toBe(true);
  }
}
