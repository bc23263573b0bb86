import type { ClaimOptions } from './figures/claim-race.js';
import type { CeilingOptions } from './figures/sqlite-ceiling.js';
import type { ReadOptions } from './figures/read-since.js';
import type { RssOptions } from './figures/document-rss.js';
import type { ThroughputOptions } from './figures/post-throughput.js';
import type { WaitOptions } from './figures/wait-latency.js';
import type { StreamOptions } from './figures/event-streams.js';
import type { DashboardOptions } from './figures/dashboard-load.js';
import type { ClusterOptions } from './figures/cluster.js';

export interface BenchConfig {
  ceiling: CeilingOptions;
  posts: ThroughputOptions;
  wait: WaitOptions;
  read: ReadOptions;
  rss: RssOptions;
  claims: ClaimOptions;
  streams: StreamOptions;
  dashboard: DashboardOptions;
  cluster: ClusterOptions;
}

export type FigureGroup = keyof BenchConfig;
export const FIGURE_GROUPS: readonly FigureGroup[] = ['ceiling', 'posts', 'wait', 'read', 'rss', 'claims', 'streams', 'dashboard', 'cluster'];

/** The sizes issues 2, 3 and 7 ask for; about 1.5 minutes on a 2-core machine, plus 2 for `cluster`. */
export const fullConfig: BenchConfig = {
  ceiling: { trials: 3, trialSeconds: 3 },
  posts: { connections: 16, trials: 3, trialSeconds: 5, warmupSeconds: 2 },
  wait: { waiters: 50, rounds: 300, warmupRounds: 20, settleMs: 10 },
  read: { messages: 1_000_000, reads: 5_000, warmupReads: 500, limit: 20 },
  rss: { bytes: 100 * 1024 * 1024 },
  claims: { handoffs: 25_000, contenders: 4, claimers: 64 },
  streams: { streams: 1_000, posts: 50 },
  dashboard: { loads: 15, messages: 100 },
  // The posts and claims shapes again, on PostgreSQL; fewer handoffs than `claims` keeps the group near 2 minutes.
  cluster: {
    nodes: 3,
    posts: { connections: 16, trials: 3, trialSeconds: 5, warmupSeconds: 2 },
    claims: { handoffs: 5_000, contenders: 4, claimers: 64 },
    grantedHandoffs: 2_500,
    wait: { waiters: 50, rounds: 300, warmupRounds: 20, settleMs: 10 },
  },
};

/** Small sizes that check the harness end to end in seconds; its figures mean nothing. */
export const quickConfig: BenchConfig = {
  ceiling: { trials: 1, trialSeconds: 1 },
  posts: { connections: 16, trials: 1, trialSeconds: 2, warmupSeconds: 1 },
  wait: { waiters: 50, rounds: 20, warmupRounds: 2, settleMs: 10 },
  read: { messages: 20_000, reads: 300, warmupReads: 20, limit: 20 },
  rss: { bytes: 10 * 1024 * 1024 },
  claims: { handoffs: 2_000, contenders: 4, claimers: 64 },
  streams: { streams: 50, posts: 5 },
  dashboard: { loads: 2, messages: 10 },
  cluster: {
    nodes: 3,
    posts: { connections: 16, trials: 1, trialSeconds: 2, warmupSeconds: 1 },
    claims: { handoffs: 1_000, contenders: 4, claimers: 64 },
    grantedHandoffs: 500,
    wait: { waiters: 50, rounds: 20, warmupRounds: 2, settleMs: 10 },
  },
};
