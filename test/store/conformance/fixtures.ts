import { expect } from 'vitest';
import type { NewSession, NewVersion, Store, VersionResult } from '../../../src/store/store.js';

/** What a concurrency run asks for: writers × perWriter messages, spread over the channels. */
export interface AppendPlan {
  store: Store;
  writers: number;
  perWriter: number;
  channelIds: number[];
  authorId: string;
}

/** A claim race: each holder tries to claim every task once, all at the same time. */
export interface ClaimPlan {
  store: Store;
  taskIds: string[];
  holderIds: string[];
  /** Where each winner's claim message goes (as a reply in the task's thread). */
  channelId: number;
  now: number;
}

export interface ConformanceOptions {
  /**
   * Runs the plan's appends from writers that do not share the suite's connection (other threads
   * or processes on the same database), all at once; message titles are `w<writer>-<n>`. Without
   * it the writers are concurrent calls on the suite's own store.
   */
  appendElsewhere?: (plan: AppendPlan) => Promise<void>;
  /**
   * Runs a claim race from connections that do not share the suite's (as appendElsewhere);
   * resolves with the task ids each holder won, in the order of holderIds.
   */
  claimElsewhere?: (plan: ClaimPlan) => Promise<string[][]>;
}

export const T0 = Date.parse('2026-01-20T09:00:00Z');

export const newSession = (id: string, overrides: Partial<NewSession> = {}): NewSession => ({
  id,
  name: `agent-${id}`,
  role: 'worker',
  client: 'claude-code',
  kind: 'agent',
  firstSeen: T0,
  tokenId: null,
  resumeTokenHash: `hash-${id}`,
  ...overrides,
});

type Uploaded = Extract<VersionResult, { ok: true }>;

/** The store under test (a fresh one per test) and the records the tests build on, made through it. */
export class StoreFixture {
  store!: Store;
  private uploads = 0;

  session = async (id: string, overrides: Partial<NewSession> = {}): Promise<string> => {
    expect(await this.store.sessions.create(newSession(id, overrides))).toBe(true);
    return id;
  };

  channel = async (name: string): Promise<number> => {
    const created = await this.store.channels.create({ name, description: '', createdBy: null, createdAt: T0 });
    return created!.id;
  };

  post = (channelId: number, authorId: string, title: string, thread: { replyTo?: string; threadId?: string } = {}) =>
    this.store.messages.append({
      channelId,
      title,
      body: `body of ${title}`,
      authorId,
      createdAt: T0,
      replyTo: thread.replyTo ?? null,
      threadId: thread.threadId ?? null,
    });

  upload = (path: string, authorId: string, extra: Partial<NewVersion> = {}): Promise<VersionResult> => {
    const n = this.uploads++;
    return this.store.documents.addVersion({
      path,
      newId: `d-test${n.toString().padStart(6, '0')}`,
      size: 10,
      sha256: (n % 16).toString(16).repeat(64),
      contentType: 'text/markdown; charset=utf-8',
      authorId,
      createdAt: T0,
      ...extra,
    });
  };

  uploadOk = async (path: string, authorId: string, extra: Partial<NewVersion> = {}): Promise<Uploaded> => {
    const result = await this.upload(path, authorId, extra);
    if (!result.ok) throw new Error(`upload of ${path} refused`);
    return result;
  };
}
