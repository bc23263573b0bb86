const UNITS = ['bytes', 'KB', 'MB', 'GB'];

/** "812 bytes", "4.2 KB", "12 MB" (binary units, as the hub's limits are). */
export function size(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value < 10 ? value.toFixed(1) : Math.round(value)} ${UNITS[unit]}`;
}
