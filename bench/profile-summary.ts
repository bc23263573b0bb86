import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/**
 * Where a hub's CPU time went, from a profile that `npm run bench -- --profile` left in
 * bench/results/profiles/: self time by area (a package, a node internal, a file of ours) and by
 * function. Usage: node dist-bench/bench/profile-summary.js FILE.cpuprofile [--top N]
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
if (positionals.length !== 1) {
  process.stderr.write('usage: node dist-bench/bench/profile-summary.js FILE.cpuprofile [--top N]\n');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(positionals[0]!, 'utf8')) as CpuProfile;
const top = Number(values.top);

const selfTime = selfTimes(profile);
const total = [...selfTime.values()].reduce((sum, t) => sum + t, 0);
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
process.stdout.write(`${(total / 1000).toFixed(0)} ms sampled\n`);
print('self time by area', groupBy(areaOf));
print('self time by function', groupBy(functionOf));

function selfTimes(p: CpuProfile): Map<number, number> {
  const times = new Map<number, number>();
  p.samples.forEach((id, i) => times.set(id, (times.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  return times;
}

function groupBy(key: (node: ProfileNode) => string): [string, number][] {
  const groups = new Map<string, number>();
  for (const [id, time] of selfTime) {
    const k = key(nodes.get(id)!);
    groups.set(k, (groups.get(k) ?? 0) + time);
  }
  return [...groups].sort((a, b) => b[1] - a[1]);
}

function areaOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName || '(native)';
  const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `package ${pkg[1]}`;
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  return shortUrl(url);
}

function functionOf(node: ProfileNode): string {
  const { url, functionName, lineNumber } = node.callFrame;
  return `${functionName || '(anonymous)'} ${shortUrl(url)}:${lineNumber + 1}`;
}


function shortUrl(url: string): string {
  return url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/dist\//, 'dist/');
}

function print(title: string, rows: [string, number][]): void {
  process.stdout.write(`\n${title}\n`);
  for (const [name, time] of rows.slice(0, top)) process.stdout.write(`${((time / total) * 100).toFixed(1).padStart(6)}%  ${name}\n`);
}
