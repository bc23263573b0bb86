import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { FIGURE_GROUPS, fullConfig, quickConfig, type BenchConfig, type FigureGroup } from './config.js';
import { measureClaimRace, measureUncontendedClaims } from './figures/claim-race.js';
import { measureDocumentRss } from './figures/document-rss.js';
import { measurePostThroughput } from './figures/post-throughput.js';
import { measureReadSince } from './figures/read-since.js';
import { measureSqliteCeiling } from './figures/sqlite-ceiling.js';
import { measureWaitLatency } from './figures/wait-latency.js';
import { measureEventStreams } from './figures/event-streams.js';
import { measureDashboardLoad } from './figures/dashboard-load.js';
import { measureCluster, versusSqlite } from './figures/cluster.js';
import type { Figure } from './support/figure.js';
import { waitForQuiet, watchOthers } from './support/machine-load.js';
import { describeMachine } from './support/machine.js';
import { PROFILES_DIR } from './support/paths.js';
import { defaultRunName, writeResults, type GroupLoad } from './support/results-file.js';
import { round } from './support/stats.js';
import { renderTable } from './support/table.js';

const USAGE = `npm run bench -- [--only ceiling,posts,wait,read,rss,claims,streams,dashboard,cluster] [--name NAME] [--quick] [--profile] [--max-quiet-wait SECONDS]`;

/** A group starts once at most this share of the machine's CPU is busy (or the wait runs out). */
const QUIET_BUSY_SHARE = 0.15;

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    name: { type: 'string' },
    quick: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    'max-quiet-wait': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

const groups = selectedGroups(values.only);
const config = withProfiling(values.quick ? quickConfig : fullConfig, values.profile);
const startedAt = new Date();
const runStart = performance.now();
const name = values.name ?? `${defaultRunName(startedAt)}${values.quick ? '-quick' : ''}`;
const machine = describeMachine();
process.stdout.write(`baton bench ${name}: ${machine.cores} cores (${machine.cpu}), node ${machine.node}\n`);

const maxQuietWait = values['max-quiet-wait'] === undefined ? 90 : Number(values['max-quiet-wait']);
const figures: Figure[] = [];
/** How busy the machine was around each group: other work on a shared machine shows up in the tails. */
const load: Record<string, GroupLoad> = {};
for (const group of groups) {
  const measured = await runGroup(group);
  figures.push(...measured.figures);
  load[group] = measured.load;
}
const ratio = ceilingRatio(figures);
if (ratio) figures.push(ratio);
figures.push(...versusSqlite(figures, config.cluster.nodes));

const seconds = round((performance.now() - runStart) / 1000, 1);
const file = writeResults({ name, started_at: startedAt.toISOString(), seconds, machine, load, config, figures });
process.stdout.write(`\n${renderTable(figures)}\n\nwritten to ${file}\n`);

/** One group on a quiet machine, with a record of how busy the machine was meanwhile. */
async function runGroup(group: FigureGroup): Promise<{ figures: Figure[]; load: GroupLoad }> {
  const quiet = await waitForQuiet(QUIET_BUSY_SHARE, maxQuietWait);
  const began = performance.now();
  const loadBefore = round(loadavg()[0]!, 2);
  process.stdout.write(`  ${group} (machine ${Math.round(quiet.busy * 100)}% busy, load ${loadBefore}) …`);
  const othersShare = watchOthers();
  const measured = await measure(group, config);
  const others = round(othersShare(), 2);
  process.stdout.write(` ${round((performance.now() - began) / 1000, 1)} s; other processes used ${Math.round(others * 100)}% of the CPU meanwhile\n`);
  return {
    figures: measured,
    load: {
      busy_share_before: round(quiet.busy, 2),
      waited_for_quiet_s: round(quiet.waitedSeconds, 1),
      others_share_during: others,
      loadavg_before: loadBefore,
      loadavg_after: round(loadavg()[0]!, 2),
    },
  };
}

async function measure(group: FigureGroup, c: BenchConfig): Promise<Figure[]> {
  switch (group) {
    case 'ceiling':
      return measureSqliteCeiling(c.ceiling);
    case 'posts':
      return [await measurePostThroughput(c.posts)];
    case 'wait':
      return measureWaitLatency(c.wait);
    case 'read':
      return [await measureReadSince(c.read)];
    case 'rss':
      return [await measureDocumentRss(c.rss)];
    case 'streams':
      return measureEventStreams(c.streams);
    case 'dashboard':
      return measureDashboardLoad(c.dashboard);
    case 'cluster':
      return measureCluster(c.cluster);
    case 'claims':
      return [...(await measureClaimRace(c.claims)), ...(await measureUncontendedClaims({ ...c.claims, handoffs: Math.round(c.claims.handoffs / 2.5) }))];
  }
}

function selectedGroups(only: string | undefined): FigureGroup[] {
  if (!only) return [...FIGURE_GROUPS];
  const asked = only.split(',').map((s) => s.trim());
  const unknown = asked.filter((g) => !FIGURE_GROUPS.includes(g as FigureGroup));
  if (unknown.length > 0) {
    process.stderr.write(`bench: unknown figure group ${unknown.join(', ')}; known: ${FIGURE_GROUPS.join(', ')}\n`);
    process.exit(2);
  }
  return FIGURE_GROUPS.filter((g) => asked.includes(g));
}

/** --profile: every hub writes a CPU profile on exit (under dist-bench/profiles), for finding where a missed target's time goes. */
function withProfiling(c: BenchConfig, profile: boolean): BenchConfig {
  if (!profile) return c;
  const dir = PROFILES_DIR;
  process.stdout.write(`CPU profiles go to ${dir}; summarize one with node dist-bench/bench/profile-summary.js FILE\n`);
  mkdirSync(dir, { recursive: true });
  const nodeArgs = ['--cpu-prof', '--cpu-prof-dir', dir];
  return { ...c, posts: { ...c.posts, nodeArgs }, wait: { ...c.wait, nodeArgs }, read: { ...c.read, nodeArgs }, rss: { ...c.rss, nodeArgs }, claims: { ...c.claims, nodeArgs }, streams: { ...c.streams, nodeArgs }, dashboard: { ...c.dashboard, nodeArgs }, cluster: { ...c.cluster, nodeArgs } };
}

/** The hub's posts/s as a share of the raw SQLite insert ceiling, when both ran. */
function ceilingRatio(all: Figure[]): Figure | undefined {
  const hub = all.find((f) => f.id === 'posts_per_second');
  const raw = all.find((f) => f.id === 'sqlite_insert_ceiling');
  if (!hub || !raw) return undefined;
  return {
    id: 'posts_vs_sqlite_ceiling',
    label: 'hub posts/s ÷ raw SQLite inserts/s',
    value: round(hub.value / raw.value, 3),
    unit: '×',
    samples: hub.samples,
    sampleKind: 'medians',
    note: `${hub.value.toLocaleString('en-US')} ÷ ${raw.value.toLocaleString('en-US')}`,
    detail: { hub_posts_per_second: hub.value, sqlite_inserts_per_second: raw.value },
  };
}
