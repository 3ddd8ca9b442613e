/** A location in a configuration: object keys and array indexes, from the block's root. */
export type KeyPath = readonly (string | number | symbol)[];

const plainKey = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Formats a key path as users read it: `launch_block_device_mappings[1].device_name`, with keys that are not
 * plain identifiers quoted (`tags["Name:x"]`). The empty path formats as the empty string.
 */
export function formatKeyPath(path: KeyPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && plainKey.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

/**
 * Compiles a key path pattern (`tags`, `bsu_volumes[].tags`, `filters.*`) into a predicate on key paths:
 * `[]` matches any array index and `*` any object key. A pattern also matches everything below it, unless
 * `exact` is set.
 */
export function keyPathMatcher(pattern: string, exact = false): (path: KeyPath) => boolean {
  const segments = pattern
    .replaceAll('[]', '.[]')
    .split('.')
    .filter((segment) => segment !== '');
  return (path) => {
    if (path.length < segments.length || (exact && path.length !== segments.length)) return false;
    return segments.every((segment, i) => {
      const actual = path[i];
      if (segment === '[]') return typeof actual === 'number';
      if (segment === '*') return typeof actual === 'string';
      return actual === segment;
    });
  };
}

/** Parses a formatted key path back into segments (`a[1].b["x.y"]` → `['a', 1, 'b', 'x.y']`). */
export function parseKeyPath(text: string): (string | number)[] {
  const segments: (string | number)[] = [];
  const pattern = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([^.[\]]+)/g;
  for (const match of text.matchAll(pattern)) {
    if (match[1] !== undefined) segments.push(Number(match[1]));
    else if (match[2] !== undefined) segments.push(JSON.parse(match[2]) as string);
    else if (match[3] !== undefined) segments.push(match[3]);
  }
  return segments;
}
