const cache = new Map<string, RegExp>();

/** The pattern as a regular expression: `*` is any run of characters, `?` one character, the rest literal. */
function compile(pattern: string): RegExp {
  let regex = cache.get(pattern);
  if (!regex) {
    const source = pattern.replace(/[.+^${}()|[\]\\*?]/g, (c) => (c === '*' ? '.*' : c === '?' ? '.' : `\\${c}`));
    regex = new RegExp(`^${source}$`, 's');
    if (cache.size > 1000) cache.clear();
    cache.set(pattern, regex);
  }
  return regex;
}

/** True when `value` matches `pattern`, where `*` and `?` are wildcards (as in the API's name filters). */
export function matchesWildcard(pattern: string, value: string): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) return pattern === value;
  return compile(pattern).test(value);
}
