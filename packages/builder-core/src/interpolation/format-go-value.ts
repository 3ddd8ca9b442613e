/**
 * Prints a template value as Go's fmt.Sprint does for the types templates see: strings as is, integers
 * without a decimal point, `[a b]` for lists, `map[k:v]` (sorted keys) for maps, `<no value>` for nothing.
 */
export function formatGoValue(value: unknown): string {
  if (value === undefined || value === null) return '<no value>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return `[${value.map(formatNested).join(' ')}]`;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${entries.map(([k, v]) => `${k}:${formatNested(v)}`).join(' ')}]`;
  }
  return String(value);
}

function formatNested(value: unknown): string {
  return value === undefined || value === null ? '<nil>' : formatGoValue(value);
}

/** Go's notion of truth in `if`, `with`, `and`, `or`, `not`: false, 0, nil and empty strings, lists, maps are false. */
export function isTruthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}
