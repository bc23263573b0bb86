// Loaded on demand (import()) by the diff: jsdiff is only fetched when two versions are compared.
import { diffLines, type Change } from 'diff';

export interface DiffLine {
  kind: 'add' | 'del' | 'same';
  /** The line's number in the older version (removed and unchanged lines). */
  before?: number;
  /** The line's number in the newer version (added and unchanged lines). */
  after?: number;
  text: string;
}

export type DiffRow = DiffLine | { kind: 'skip'; count: number };

/** Unchanged lines kept around each change, as `diff -u` does. */
const CONTEXT = 3;

/** Gives up on texts too different to compare in this time; the page stays responsive meanwhile. */
const TIMEOUT_MS = 5000;

/** A unified line diff of two texts, or undefined when they are too different to compare in time. */
export function lineDiff(before: string, after: string): Promise<DiffRow[] | undefined> {
  return new Promise((resolve) => {
    diffLines(before, after, { ignoreNewlineAtEof: true, timeout: TIMEOUT_MS, callback: (changes) => resolve(changes && withContext(numbered(changes))) });
  });
}

function numbered(changes: Change[]): DiffLine[] {
  const lines: DiffLine[] = [];
  let before = 1;
  let after = 1;
  for (const change of changes) {
    for (const text of linesOf(change.value)) {
      if (change.added) lines.push({ kind: 'add', after: after++, text });
      else if (change.removed) lines.push({ kind: 'del', before: before++, text });
      else lines.push({ kind: 'same', before: before++, after: after++, text });
    }
  }
  return lines;
}

function linesOf(value: string): string[] {
  const lines = value.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

/** Only the changes and the lines around them; each run of other unchanged lines becomes one "skip". */
function withContext(lines: DiffLine[]): DiffRow[] {
  const near = lines.map(() => false);
  lines.forEach((line, index) => {
    if (line.kind === 'same') return;
    for (let i = Math.max(0, index - CONTEXT); i <= Math.min(lines.length - 1, index + CONTEXT); i++) near[i] = true;
  });
  const rows: DiffRow[] = [];
  let skipped = 0;
  lines.forEach((line, index) => {
    if (!near[index]) return void skipped++;
    if (skipped) rows.push({ kind: 'skip', count: skipped });
    skipped = 0;
    rows.push(line);
  });
  if (skipped && rows.length) rows.push({ kind: 'skip', count: skipped });
  return rows;
}
