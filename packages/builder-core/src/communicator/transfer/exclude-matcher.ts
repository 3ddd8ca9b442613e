/** Decides whether an entry of a copied directory is left out; `relativePath` uses `/` separators. */
export type ExcludeMatcher = (relativePath: string, isDirectory: boolean) => boolean;

/**
 * Compiles shell-style exclude patterns. `*` and `?` stay within one path segment, `**` spans segments,
 * `[abc]`/`[!abc]` are classes. A pattern without `/` matches the entry's name at any depth (`*.log`); one
 * with `/` matches the path from the copied directory (`cache/**`, `/build`); a trailing `/` matches only
 * directories. An excluded directory is left out with everything under it.
 */
export function compileExcludes(patterns: readonly string[] | undefined): ExcludeMatcher {
  const compiled = (patterns ?? []).filter((p) => p.trim() !== '').map(compilePattern);
  if (compiled.length === 0) return () => false;
  return (relativePath, isDirectory) => {
    const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
    return compiled.some((p) => (!p.directoryOnly || isDirectory) && p.regex.test(p.anchored ? relativePath : name));
  };
}

interface CompiledPattern {
  regex: RegExp;
  anchored: boolean;
  directoryOnly: boolean;
}

function compilePattern(pattern: string): CompiledPattern {
  let body = pattern.trim();
  const directoryOnly = body.endsWith('/');
  if (directoryOnly) body = body.replace(/\/+$/, '');
  const anchored = body.includes('/');
  body = body.replace(/^\.?\//, '');
  return { regex: new RegExp(`^${globToRegex(body)}$`), anchored, directoryOnly };
}

function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        out += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else {
        out += '[^/]*';
      }
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) {
        out += '\\[';
        continue;
      }
      let cls = glob.slice(i + 1, end);
      if (cls.startsWith('!')) cls = `^${cls.slice(1)}`;
      out += `[${cls.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (c === '\\' && i + 1 < glob.length) {
      out += escapeRegex(glob[i + 1] as string);
      i++;
    } else {
      out += escapeRegex(c);
    }
  }
  return out;
}

function escapeRegex(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}
