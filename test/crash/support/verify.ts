import Database from 'better-sqlite3';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { messageId } from '../../../src/core/ids.js';
import type { Ledger } from './ledger.js';
import { call, download, sha256 } from './wire.js';

/** What a check saw, for the report: leftovers that no reader can see. */
export interface Seen {
  messages: number;
  versions: number;
  tasks: number;
  tmpFiles: number;
  orphanBlobs: number;
}

/** Checks a restarted hub against everything it acknowledged, and that nothing half-written shows. */
export async function verify(url: string, dataDir: string, session: string, ledger: Ledger): Promise<Seen> {
  expect(ledger.faults).toEqual([]);
  const messages = await everyMessage(url, session);
  expectAckedMessages(ledger, messages);
  const versions = await expectDocumentsWhole(url, ledger);
  const tasks = await expectTasks(url, ledger, messages, dataDir);
  const store = expectStoreConsistent(dataDir);
  return { messages: messages.size, versions, tasks, ...store };
}

async function everyMessage(url: string, session: string): Promise<Map<string, Record<string, any>>> {
  const seen = new Map<string, Record<string, any>>();
  for (const channel of ['general', 'alerts', 'handoffs']) {
    let since = '0';
    for (;;) {
      const page = await call(url, session, 'GET', `/channels/${channel}/messages?since=${since}&limit=200&max_chars=60000`);
      expect(page.status).toBe(200);
      for (const m of page.body.messages as Record<string, any>[]) seen.set(m.id, m);
      since = page.body.next_cursor as string;
      if (!page.body.truncated) break;
    }
  }
  return seen;
}

function expectAckedMessages(ledger: Ledger, seen: Map<string, Record<string, any>>): void {
  for (const acked of ledger.messages.values()) {
    const found = seen.get(acked.id);
    expect(found, `acknowledged message ${acked.id}`).toBeDefined();
    expect({ channel: found!.channel, title: found!.title, content: found!.content }).toEqual({
      channel: acked.channel,
      title: acked.title,
      content: acked.content,
    });
  }
}

/** Every visible version's bytes match its sha256; every acknowledged version is among them. */
async function expectDocumentsWhole(url: string, ledger: Ledger): Promise<number> {
  const listed = await call(url, undefined, 'GET', '/documents?folder_path=crash&recursive=true&limit=1000');
  const visible = new Map<string, { sha256: string; size: number }>();
  for (const doc of listed.body.documents as Record<string, any>[]) {
    const versions = await call(url, undefined, 'GET', `/documents/versions?document_id=${doc.id}`);
    for (const v of versions.body.versions as Record<string, any>[]) {
      const got = await download(url, doc.id, v.version);
      expect(got.status, `${doc.path} v${v.version}`).toBe(200);
      expect({ sha256: sha256(got.bytes), size: got.bytes.length }, `${doc.path} v${v.version}`).toEqual({ sha256: v.sha256, size: v.size });
      visible.set(`${doc.id}@${v.version}`, { sha256: v.sha256, size: v.size });
    }
  }
  for (const acked of ledger.versions) {
    expect(visible.get(`${acked.documentId}@${acked.version}`), `${acked.path} v${acked.version}`).toEqual({ sha256: acked.sha256, size: acked.size });
  }
  return visible.size;
}

/** Acknowledged claims and completions hold; every task agrees with its message and thread. */
async function expectTasks(url: string, ledger: Ledger, messages: Map<string, Record<string, any>>, dataDir: string): Promise<number> {
  for (const acked of ledger.tasks.values()) {
    const answer = await call(url, undefined, 'GET', `/tasks/${acked.id}`);
    expect(answer.status, `acknowledged task ${acked.id}`).toBe(200);
    const task = answer.body.task as Record<string, any>;
    if (acked.task) expect(task.task).toBe(acked.task);
    if (acked.completed) expect({ state: task.state, result: task.result }).toEqual({ state: 'completed', result: acked.completed.result });
    if (acked.claim) {
      expect(['claimed', 'completed'], `${acked.id} after its claim`).toContain(task.state);
      expect({ holder: task.holder_id, claim: task.claim }).toEqual({ holder: acked.claim.holderId, claim: acked.claim.fence });
    }
  }
  const rows = taskRows(dataDir);
  for (const row of rows) expectTaskAgreesWithMessages(row, messages);
  return rows.length;
}

interface TaskRow {
  seq: number;
  state: string;
  holder_id: string | null;
  channel: string;
}

function taskRows(dataDir: string): TaskRow[] {
  const db = new Database(join(dataDir, 'hub.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT t.seq, t.state, t.holder_id, c.name AS channel FROM tasks t JOIN channels c ON c.id = t.channel_id').all() as TaskRow[];
  } finally {
    db.close();
  }
}

function expectTaskAgreesWithMessages(task: TaskRow, messages: Map<string, Record<string, any>>): void {
  const id = messageId(task.seq);
  expect(messages.get(id)?.channel, `message of task ${id}`).toBe(task.channel);
  const thread = [...messages.values()].filter((m) => m.thread_id === id && m.id !== id);
  const completions = thread.filter((m) => String(m.title).startsWith('✅ Complete'));
  expect(completions.length > 0, `completion message of ${id} (${task.state})`).toBe(task.state === 'completed');
  if (task.state !== 'open') expect(task.holder_id, `holder of ${id}`).toBeTruthy();
}

/** Read straight from the files: integrity, no dangling rows, and what the blob folder holds. */
function expectStoreConsistent(dataDir: string): { tmpFiles: number; orphanBlobs: number } {
  const db = new Database(join(dataDir, 'hub.db'), { readonly: true, fileMustExist: true });
  try {
    expectRowsConsistent(db);
    const referenced = new Set(db.prepare('SELECT DISTINCT sha256 FROM document_versions').pluck().all() as string[]);
    return blobFolder(join(dataDir, 'blobs'), referenced);
  } finally {
    db.close();
  }
}

function blobFolder(root: string, referenced: Set<string>): { tmpFiles: number; orphanBlobs: number } {
  const named = blobFiles(root);
  for (const sha of referenced) expect(named, `blob ${sha}`).toContain(sha);
  return { tmpFiles: expectBlobsWhole(join(root, '..')), orphanBlobs: named.filter((sha) => !referenced.has(sha)).length };
}

/** Every finished blob's bytes hash to its name (a partial file never gets one); returns how many unfinished files wait in tmp. */
export function expectBlobsWhole(dataDir: string): number {
  const root = join(dataDir, 'blobs');
  for (const sha of blobFiles(root)) expect(sha256(readFileSync(join(root, sha.slice(0, 2), sha))), `blob file ${sha}`).toBe(sha);
  return readdirSync(join(root, 'tmp')).length;
}

function blobFiles(root: string): string[] {
  return readdirSync(root)
    .filter((dir) => dir !== 'tmp')
    .flatMap((dir) => readdirSync(join(root, dir)));
}

/** Integrity, no dangling rows, no task without its message, no document without its current version. */
export function expectRowsConsistent(db: Database.Database): void {
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.pragma('foreign_key_check')).toEqual([]);
  const one = (sql: string) => db.prepare(sql).pluck().get() as number;
  expect(one('SELECT count(*) FROM tasks t LEFT JOIN messages m ON m.seq = t.seq WHERE m.seq IS NULL OR m.channel_id <> t.channel_id')).toBe(0);
  expect(one(`SELECT count(*) FROM documents d WHERE NOT EXISTS
    (SELECT 1 FROM document_versions v WHERE v.document_id = d.id AND v.version = d.current_version)`)).toBe(0);
  expect(one('SELECT count(*) FROM documents d WHERE (SELECT count(*) FROM document_versions v WHERE v.document_id = d.id) <> d.current_version')).toBe(0);
}
