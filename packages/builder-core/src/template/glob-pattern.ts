/**
 * Compiles a build-name glob as Packer's `-only`/`-except` accept: `*` (any run of characters), `?` (one
 * character), `[abc]`/`[a-z]`/`[!a]` (a class) and `{a,b}` (alternatives). Other characters match themselves.
 */
export function globToRegExp(pattern: string): RegExp {
  let out = '';
  let inAlternatives = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] ?? '';
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close === -1) out += '\\[';
      else {
        const body = pattern
          .slice(i + 1, close)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = close;
      }
    } else if (c === '{' && !inAlternatives && pattern.indexOf('}', i) !== -1) {
      inAlternatives = true;
      out += '(?:';
    } else if (c === '}' && inAlternatives) {
      inAlternatives = false;
      out += ')';
    } else if (c === ',' && inAlternatives) out += '|';
    else out += c.replace(/[.+^$()|\\{}\]]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** True when `name` matches any of the globs. */
export function matchesAnyGlob(name: string, globs: readonly string[]): boolean {
  return globs.some((glob) => globToRegExp(glob).test(name));
}
