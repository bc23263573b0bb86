import type { Figure } from '../support/figure.js';
import { fillPgHandoffs, readPgOutcome } from '../support/pg-handoffs.js';
import { emptyDatabase, onNodes, serverSettings, withBenchDatabase } from '../support/pg-cluster.js';
import { round } from '../support/stats.js';
import { claimFigures, doubleClaims, raceFor, wonClaimsFigure, type ClaimOptions } from './claim-race.js';
import { measurePostRate, type ThroughputOptions } from './post-throughput.js';
import { measureDelivery, type WaitOptions } from './wait-latency.js';

export interface ClusterOptions {
  /** Nodes of the cluster measured beside the single PostgreSQL node. */
  nodes: number;
  /** The `posts` group's load, spread over the nodes. */
  posts: ThroughputOptions;
  /** The `claims` group's race, its claimers dealt out over the nodes. */
  claims: ClaimOptions;
  /** Handoffs of the run where each has one claimer, so every claim is granted. */
  grantedHandoffs: number;
  /** Waiters on one node; the posts go to the others. */
  wait: WaitOptions;
  nodeArgs?: string[];
}

/** Where a figure was measured: one PostgreSQL node, or several on one database. */
interface Placement {
  nodes: number;
  id: string;
  label: string;
}

const placed = (nodes: number): Placement => ({ nodes, id: nodes === 1 ? 'pg_1_node' : `pg_${nodes}_nodes`, label: nodes === 1 ? 'PostgreSQL, 1 node' : `PostgreSQL, ${nodes} nodes` });

/**
 * The `posts` and `claims` loads against hub nodes on PostgreSQL (one node, then `nodes` nodes on
 * one database, the clients spread over them), and post-to-wait delivery from one node to another
 * beside the same on one node. Every measurement starts real hub processes on an emptied database
 * of the group's own, made on the server and dropped at the end.
 */
export async function measureCluster(options: ClusterOptions): Promise<Figure[]> {
  const sizes = [placed(1), placed(options.nodes)];
  const granted = { ...options.claims, handoffs: options.grantedHandoffs, contenders: 1 };
  return withBenchDatabase(async (store) => {
    const run: Run = { store, nodeArgs: options.nodeArgs, server: await serverSettings(store) };
    const figures: Figure[] = [];
    for (const at of sizes) figures.push(onPostgres(await fresh(run, at.nodes, (urls) => measurePostRate(urls, options.posts)), at, run));
    for (const at of sizes) figures.push(...(await claimRace(run, at.nodes, options.claims)).map((f) => onPostgres(f, at, run)));
    for (const at of sizes) figures.push(onPostgres(wonClaimsFigure((await claimRace(run, at.nodes, granted))[0]!, granted), at, run));
    figures.push(...(await delivery(run, 1, options.wait)));
    figures.push(...(await delivery(run, options.nodes, options.wait)));
    return figures;
  });
}

/** The group's database and how its nodes are started. */
interface Run {
  store: string;
  nodeArgs: string[] | undefined;
  /** The server's version and how it commits, which decide much of a write's cost. */
  server: Record<string, string>;
}

/** `measure` against new nodes on an emptied database. */
async function fresh<T>(run: Run, nodes: number, measure: (urls: string[]) => Promise<T>): Promise<T> {
  await emptyDatabase(run.store);
  return onNodes(run.store, nodes, run.nodeArgs, measure);
}

/** The handoffs go in before the nodes start, as in the `claims` group; the store is checked after they stop. */
async function claimRace(run: Run, nodes: number, claims: ClaimOptions): Promise<Figure[]> {
  await emptyDatabase(run.store);
  const seqs = await fillPgHandoffs(run.store, claims.handoffs);
  const race = await onNodes(run.store, nodes, run.nodeArgs, (urls) => raceFor(urls, seqs, claims));
  return claimFigures(race, doubleClaims(await readPgOutcome(run.store), seqs, race.winners), claims);
}

/** Waiters on the first node; with one node the posts go there too, otherwise to the others in turn. */
async function delivery(run: Run, nodes: number, wait: WaitOptions): Promise<Figure[]> {
  const figures = await fresh(run, nodes, ([waitOn, ...others]) => measureDelivery(waitOn!, others.length > 0 ? others : [waitOn!], wait));
  const where: Placement =
    nodes === 1
      ? { nodes, id: 'pg_same_node', label: 'PostgreSQL, waiters and poster on 1 node' }
      : { nodes, id: 'pg_cross_node', label: `PostgreSQL, waiters on n1, posts on ${Array.from({ length: nodes - 1 }, (_, i) => `n${i + 2}`).join('/')}` };
  return figures.map((f) => onPostgres(f, where, run));
}

function onPostgres(figure: Figure, at: Placement, run: Run): Figure {
  return { ...figure, id: `${figure.id}_${at.id}`, label: `${figure.label}; ${at.label}`, detail: { ...figure.detail, store: 'postgres', nodes: at.nodes, server: run.server } };
}

/** The figures measured on both stores; PostgreSQL's are compared when the SQLite group ran too. */
const COMPARED = [
  { id: 'posts_per_second', what: 'posts/s' },
  { id: 'claims_per_second', what: 'claim attempts/s' },
  { id: 'won_claims_per_second', what: 'won claims/s' },
] as const;

/**
 * PostgreSQL beside SQLite, for the figures the `posts` and `claims` groups measured in the same
 * run: the single node's ratio, and the cluster's in the note.
 */
export function versusSqlite(all: readonly Figure[], nodes: number): Figure[] {
  const find = (id: string) => all.find((f) => f.id === id);
  return COMPARED.flatMap(({ id, what }) => {
    const sqlite = find(id);
    const one = find(`${id}_${placed(1).id}`);
    const many = find(`${id}_${placed(nodes).id}`);
    if (!sqlite || !one || !many) return [];
    const ratio = (f: Figure) => round(f.value / sqlite.value, 2);
    return [
      {
        id: `${id}_pg_vs_sqlite`,
        label: `${what}, PostgreSQL 1 node ÷ SQLite`,
        value: ratio(one),
        unit: '×',
        samples: 2,
        sampleKind: 'figures',
        note: `${fmt(one.value)} ÷ ${fmt(sqlite.value)}; ${nodes} nodes ${ratio(many)}× (${fmt(many.value)})`,
        detail: { sqlite: sqlite.value, pg_1_node: one.value, [`pg_${nodes}_nodes`]: many.value, [`pg_${nodes}_nodes_ratio`]: ratio(many) },
      },
    ];
  });
}

const fmt = (n: number): string => n.toLocaleString('en-US');
