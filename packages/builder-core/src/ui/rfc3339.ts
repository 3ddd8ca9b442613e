/** Formats a date as Go's `time.RFC3339` in local time (`2026-11-26T22:11:19+01:00`, or `...Z` in UTC), as `-timestamp-ui` prints it. */
export function formatRfc3339(date: Date): string {
  const offsetMinutes = -date.getTimezoneOffset();
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const day = `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  if (offsetMinutes === 0) return `${day}T${time}Z`;
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${day}T${time}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
