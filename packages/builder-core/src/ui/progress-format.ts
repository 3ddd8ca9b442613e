/** Formats a byte count the way transfer progress shows it (`512 B`, `1.5 KiB`, `12.0 MiB`, `2.25 GiB`). */
function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${value} B`;
  return `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}

/** Formats an elapsed time as `42s`, `3m05s` or `1h02m`. */
function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/** One progress entry as drawn on the status line: `label 42% (1.20 MiB / 2.86 MiB)` or `label 1m05s`. */
export function formatProgress(label: string, done: number, total: number | undefined, elapsedMs: number): string {
  if (total === undefined || total <= 0) return `${label} ${formatElapsed(elapsedMs)}`;
  const percent = Math.min(100, Math.floor((done / total) * 100));
  return `${label} ${percent}% (${formatBytes(done)} / ${formatBytes(total)})`;
}
