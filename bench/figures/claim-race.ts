import { join } from 'node:path';
import { messageId, seqOfMessageId } from '../../src/core/ids.js';
import { DEFAULT_CHANNELS } from '../../src/domain/channel-names.js';
import type { Store } from '../../src/store/store.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { openDirect } from '../support/direct-store.js';
import type { Figure } from '../support/figure.js';
import { startHub } from '../support/hub-process.js';
import { jsonHeaders, keepAliveAgent, registerSession, send } from '../support/http.js';
import { scratchDir } from '../support/paths.js';
import { round } from '../support/stats.js';

export interface ClaimOptions {
  /** Handoffs in the store before the hub starts. */
  handoffs: number;
  /** Claimers that try each handoff, one right after the other (so they race for it). */
  contenders: number;
  claimers: number;
  nodeArgs?: string[];
}

export interface Race {
  attempts: number;
  seconds: number;
  /** Winner session ids the clients were told, per handoff seq. */
  winners: Map<number, string[]>;
  refused: number;
}

const FILL_BATCH = 50_000;

/**
 * The claim race at scale: `handoffs` open handoffs are written to the store before the hub
 * starts, then `claimers` sessions on their own keep-alive connections claim over HTTP. Each handoff
 * is handed out `contenders` times in a row from one shared queue, so several connections race for
 * it at once. Afterwards the store is read directly: every handoff must have exactly one `✋ Claimed`
 * reply and one holder, the one client that was told it won.
 */
export async function measureClaimRace(options: ClaimOptions): Promise<Figure[]> {
  const scratch = scratchDir('baton-bench-claims-');
  try {
    const file = join(scratch.dir, 'hub.db');
    const seqs = await fill(file, options.handoffs);
    const hub = await startHub({ dataDir: scratch.dir, ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}) });
    let race: Race;
    try {
      race = await raceFor([hub.url], seqs, options);
    } finally {
      await hub.stop();
    }
    const doubles = doubleClaims(readOutcome(file), seqs, race.winners);
    return claimFigures(race, doubles, options);
  } finally {
    scratch.remove();
  }
}

/** The author of every handoff written before the hub starts. */
export const HANDOFF_AUTHOR = 's-bench0';

/** Through the real adapter: the handoffs' author and the channels every hub has. */
export async function seedHandoffAuthor(store: Store, now: number): Promise<void> {
  await store.sessions.create({ id: HANDOFF_AUTHOR, name: 'bench-coordinator', role: 'coordinator', client: 'baton-bench', kind: 'agent', firstSeen: now, resumeTokenHash: '-', tokenId: null });
  for (const c of DEFAULT_CHANNELS) await store.channels.create({ ...c, createdBy: null, createdAt: now });
}

/** The schema through the real adapter, then the handoffs as messages in handoffs plus open task rows. */
async function fill(file: string, count: number): Promise<number[]> {
  const store = openSqliteStore(file);
  const now = Date.now();
  const author = HANDOFF_AUTHOR;
  try {
    await seedHandoffAuthor(store, now);
  } finally {
    await store.close();
  }
  const db = openDirect(file);
  try {
    const channelId = db.prepare<[], number>("SELECT id FROM channels WHERE name = 'handoffs'").pluck().get()!;
    const message = db.prepare<unknown[], number>(
      'INSERT INTO messages (channel_id, title, body, author_id, created_at, reply_to, thread_id) VALUES (?, ?, ?, ?, ?, NULL, NULL) RETURNING seq',
    ).pluck();
    const task = db.prepare(
      `INSERT INTO tasks (seq, kind, channel_id, task, state, author_id, created_at, updated_at) VALUES (?, 'handoff', ?, ?, 'open', ?, ?, ?)`,
    );
    const seqs: number[] = [];
    const batch = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const name = `Subtask ${i}`;
        const seq = message.get(channelId, `🔄 Handoff: ${name}`, `**Task:** ${name}\n**Scope:** benchmark`, author, now)!;
        task.run(seq, channelId, name, author, now, now);
        seqs.push(seq);
      }
    });
    for (let from = 0; from < count; from += FILL_BATCH) batch(from, Math.min(count, from + FILL_BATCH));
    db.pragma('wal_checkpoint(TRUNCATE)');
    return seqs;
  } finally {
    db.close();
  }
}

/**
 * Every claimer takes the next attempt from one shared queue until it is empty; the queue holds each
 * handoff `contenders` times in a row. Claimers are dealt out over `urls` in turn (hubs sharing one
 * store), so the racers for one handoff sit on different hubs.
 */
export async function raceFor(urls: readonly string[], seqs: number[], options: ClaimOptions): Promise<Race> {
  const agent = keepAliveAgent();
  const claimers = Array.from({ length: options.claimers }, (_, i) => urls[i % urls.length]!);
  const sessions = await Promise.all(claimers.map(async (url, i) => ({ url, session: await registerSession(url, `claimer-${i}`, agent) })));
  const total = seqs.length * options.contenders;
  const winners = new Map<number, string[]>();
  let next = 0;
  let refused = 0;
  const claimer = async ({ url, session }: { url: string; session: string }) => {
    const headers = jsonHeaders(session);
    for (let i = next++; i < total; i = next++) {
      const seq = seqs[Math.floor(i / options.contenders)]!;
      const reply = await send(`${url}/api/v1/tasks/${messageId(seq)}/claim`, { method: 'POST', headers, body: '{}', agent });
      if (reply.status === 200) winners.set(seq, [...(winners.get(seq) ?? []), session]);
      else if (reply.status === 409 && reply.text.includes('already claimed by')) refused++;
      else throw new Error(`claim ${messageId(seq)}: HTTP ${reply.status}: ${reply.text.slice(0, 300)}`);
    }
  };
  const began = performance.now();
  await Promise.all(sessions.map(claimer));
  const seconds = (performance.now() - began) / 1000;
  agent.destroy();
  return { attempts: total, seconds, winners, refused };
}

/** What the store says after a race, read without the hub. */
export interface ClaimOutcome {
  /** `✋ Claimed` replies per handoff seq. */
  replies: Map<number, number>;
  /** Each handoff's state and holder, by seq. */
  tasks: Map<number, { holder_id: string | null; state: string }>;
}

/** The queries of both stores: the claim replies by thread, and every task's holder. */
export const CLAIMED_REPLIES_SQL = "SELECT thread_id, COUNT(*) AS n FROM messages WHERE title LIKE '✋ Claimed%' GROUP BY thread_id";
export const TASK_HOLDERS_SQL = 'SELECT seq, holder_id, state FROM tasks';

export function outcomeOf(replies: { thread_id: string; n: number }[], tasks: { seq: number; holder_id: string | null; state: string }[]): ClaimOutcome {
  return { replies: new Map(replies.map((r) => [seqOfMessageId(r.thread_id)!, r.n])), tasks: new Map(tasks.map((r) => [r.seq, r])) };
}

function readOutcome(file: string): ClaimOutcome {
  const db = openDirect(file);
  try {
    return outcomeOf(db.prepare<[], { thread_id: string; n: number }>(CLAIMED_REPLIES_SQL).all(), db.prepare<[], { seq: number; holder_id: string | null; state: string }>(TASK_HOLDERS_SQL).all());
  } finally {
    db.close();
  }
}

/**
 * Handoffs claimed more than once, by any evidence: two clients told they won, two `✋ Claimed`
 * replies in its thread, or a holder in the store other than the one winner. A handoff nobody won
 * is an error of the run, not a double claim.
 */
export function doubleClaims(outcome: ClaimOutcome, seqs: number[], winners: Map<number, string[]>): number {
  let doubles = 0;
  for (const seq of seqs) {
    const won = winners.get(seq) ?? [];
    const row = outcome.tasks.get(seq);
    if (won.length === 0 || row?.state !== 'claimed') throw new Error(`handoff ${messageId(seq)} was not claimed (${row?.state ?? 'missing'})`);
    if (won.length > 1 || (outcome.replies.get(seq) ?? 0) !== 1 || row.holder_id !== won[0]) doubles++;
  }
  return doubles;
}

/**
 * Every claim wins when each handoff has one claimer: the rate of claims actually granted, each one a
 * compare-and-set plus its `✋ Claimed` reply, committed together.
 */
export async function measureUncontendedClaims(options: ClaimOptions): Promise<Figure[]> {
  const [rate] = await measureClaimRace({ ...options, contenders: 1 });
  return [wonClaimsFigure(rate!, options)];
}

/** The attempts figure of a race with one claimer per handoff, read as the rate of claims granted. */
export function wonClaimsFigure(rate: Figure, options: ClaimOptions): Figure {
  const won = rate.detail as { won: number; seconds: number };
  return {
    ...rate,
    id: 'won_claims_per_second',
    label: `won claims/s over HTTP, ${options.claimers} claimers, one per handoff`,
    value: round(won.won / won.seconds, 0),
    note: `${won.won.toLocaleString('en-US')} claims, every one granted`,
  };
}

/** The race's attempts/s (wins/s in the note) and its double claims. */
export function claimFigures(race: Race, doubles: number, options: ClaimOptions): Figure[] {
  const rate = race.attempts / race.seconds;
  const wins = [...race.winners.values()].reduce((sum, w) => sum + w.length, 0);
  const detail = {
    claimers: options.claimers,
    handoffs: options.handoffs,
    contenders_per_handoff: options.contenders,
    attempts: race.attempts,
    won: wins,
    refused: race.refused,
    seconds: round(race.seconds, 2),
    wins_per_second: round(wins / race.seconds, 0),
  };
  return [
    {
      id: 'claims_per_second',
      label: `claim attempts/s over HTTP, ${options.claimers} claimers`,
      value: round(rate, 0),
      unit: 'claims/s',
      target: { op: '>=', value: 2000 },
      samples: race.attempts,
      sampleKind: 'claim requests',
      note: `${wins.toLocaleString('en-US')} won (${round(wins / race.seconds, 0)}/s), ${race.refused.toLocaleString('en-US')} refused; ${options.contenders} claimers per handoff`,
      detail,
    },
    {
      id: 'double_claims',
      label: `double claims in ${race.attempts.toLocaleString('en-US')} attempts`,
      value: doubles,
      unit: 'handoffs',
      target: { op: '<=', value: 0 },
      samples: options.handoffs,
      sampleKind: 'handoffs checked in the store',
      note: 'winners told to clients, ✋ Claimed replies and holders agree',
      detail,
    },
  ];
}
