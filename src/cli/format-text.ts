/** Small pieces of readable output. */

/**
 * Text written by others is shown, never obeyed: control characters (terminal escapes among them)
 * are replaced so a message cannot move the cursor or recolor the screen.
 */
export const shown = (text: string): string => text.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u009b]/g, '\ufffd');

/** HH:MM for today, else the date too; local time. */
export function clock(iso: string, now = new Date()): string {
  const at = new Date(iso);
  const hhmm = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  const sameDay = at.toDateString() === now.toDateString();
  return sameDay ? hhmm : `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${hhmm}`;
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function bytes(size: number): string {
  if (size < 1024) return `${size} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = size / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** Rows as aligned columns, two spaces apart; the last column is not padded. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - [...cell].length))).join('  '))
    .join('\n');
}

export const indent = (text: string, by = '    '): string =>
  text
    .split('\n')
    .map((line) => (line ? by + line : line))
    .join('\n');
