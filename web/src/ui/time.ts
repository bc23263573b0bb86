const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });

const STEPS: [limit: number, unit: Intl.RelativeTimeFormatUnit, size: number][] = [
  [60_000, 'second', 1000],
  [3_600_000, 'minute', 60_000],
  [86_400_000, 'hour', 3_600_000],
  [Infinity, 'day', 86_400_000],
];

/** "3 min ago", "in 40 sec". */
export function ago(iso: string, now: number): string {
  const delta = Date.parse(iso) - now;
  const [, unit, size] = STEPS.find(([limit]) => Math.abs(delta) < limit)!;
  return relative.format(Math.round(delta / size), unit);
}

/** What is left of a lease: "4:05", or "expired". */
export function leaseLeft(iso: string | null, now: number): string {
  if (!iso) return '';
  const seconds = Math.floor((Date.parse(iso) - now) / 1000);
  if (seconds <= 0) return 'expired';
  const minutes = Math.floor(seconds / 60);
  return minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}

export const clock = (iso: string): string => new Date(iso).toLocaleString();
