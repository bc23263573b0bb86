import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { INSERT_MESSAGE, openDirect, seedStore, type Seeded } from '../support/direct-store.js';
import type { Figure } from '../support/figure.js';
import { scratchDir } from '../support/paths.js';
import { SAMPLE_BODY, SAMPLE_TITLE } from '../support/sample-message.js';
import { median, round } from '../support/stats.js';

export interface CeilingOptions {
  trials: number;
  trialSeconds: number;
}

const row = (seeded: Seeded) => ({
  channelId: seeded.channelId,
  title: SAMPLE_TITLE,
  body: SAMPLE_BODY,
  authorId: seeded.sessionId,
  createdAt: Date.now(),
  replyTo: null,
  threadId: null,
});

/**
 * The raw ceiling: the hub's INSERT straight into SQLite, one transaction per message as the hub
 * commits each post, with the same schema and pragmas; and the same through the store adapter
 * (insert plus the read-back of the stored message), to show where the hub's time goes.
 */
export async function measureSqliteCeiling(options: CeilingOptions): Promise<Figure[]> {
  const scratch = scratchDir('baton-bench-ceiling-');
  try {
    const file = join(scratch.dir, 'hub.db');
    const seeded = await seedStore(file, 'ceiling');
    const raw = trialsOf(options, () => rawInserts(file, seeded, options.trialSeconds));
    const adapter: number[] = [];
    for (let i = 0; i < options.trials; i++) adapter.push(await adapterAppends(file, seeded, options.trialSeconds));
    return [
      rateFigure('sqlite_insert_ceiling', 'raw SQLite inserts/s (no hub)', raw, options),
      rateFigure('store_append_ceiling', 'store adapter appends/s (no HTTP)', adapter, options),
    ];
  } finally {
    scratch.remove();
  }
}

function trialsOf(options: CeilingOptions, trial: () => number): number[] {
  return Array.from({ length: options.trials }, trial);
}

function rawInserts(file: string, seeded: Seeded, seconds: number): number {
  const db = openDirect(file);
  try {
    const insert = db.prepare(INSERT_MESSAGE);
    // all() as the adapter does: stepping to the end lets SQLite checkpoint the WAL, as it must in a steady state.
    return timedLoop(seconds, () => insert.all(row(seeded)));
  } finally {
    db.close();
  }
}

async function adapterAppends(file: string, seeded: Seeded, seconds: number): Promise<number> {
  const store = openSqliteStore(file);
  try {
    const end = performance.now() + seconds * 1000;
    const start = performance.now();
    let count = 0;
    while (performance.now() < end) {
      await store.messages.append(row(seeded));
      count++;
    }
    return count / ((performance.now() - start) / 1000);
  } finally {
    await store.close();
  }
}

/** Runs `step` until `seconds` pass; returns steps per second. */
function timedLoop(seconds: number, step: () => unknown): number {
  const start = performance.now();
  const end = start + seconds * 1000;
  let count = 0;
  while (performance.now() < end) {
    for (let i = 0; i < 256; i++) step();
    count += 256;
  }
  return count / ((performance.now() - start) / 1000);
}

function rateFigure(id: string, label: string, rates: number[], options: CeilingOptions): Figure {
  return {
    id,
    label,
    value: round(median(rates), 0),
    unit: 'inserts/s',
    samples: rates.length,
    sampleKind: `${options.trialSeconds}s trials`,
    note: `trials ${rates.map((r) => Math.round(r)).join(' / ')}`,
    detail: { trial_rates: rates.map((r) => round(r, 0)), one_transaction_per_insert: true },
  };
}
