import type { ConfigIssue } from './config-issue';
import { formatKeyPath, type KeyPath, keyPathMatcher } from './key-path';

interface Alias {
  parent: (path: KeyPath) => boolean;
  oldKey: string;
  newKey: string;
}

function compile(aliases: Readonly<Record<string, string>>): Alias[] {
  return Object.entries(aliases).map(([pattern, newKey]) => {
    const normalized = pattern.replaceAll('[]', '.[]');
    const cut = normalized.lastIndexOf('.');
    return {
      parent: keyPathMatcher(cut === -1 ? '' : normalized.slice(0, cut), true),
      oldKey: cut === -1 ? normalized : normalized.slice(cut + 1),
      newKey,
    };
  });
}

/**
 * Renames deprecated keys to their current names, in place in a copy of `raw`: each rename is a warning;
 * setting both the old and the new key is an issue. Returns the renamed copy.
 */
export function applyAliases(
  raw: unknown,
  aliases: Readonly<Record<string, string>>,
  report: { issue(issue: ConfigIssue): void; warn(message: string): void },
): unknown {
  const compiled = compile(aliases);
  if (compiled.length === 0) return raw;
  const walk = (value: unknown, path: KeyPath): unknown => {
    if (Array.isArray(value)) return value.map((item, i) => walk(item, [...path, i]));
    if (!value || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = walk(item, [...path, key]);
    for (const alias of compiled) {
      if (!(alias.oldKey in out) || !alias.parent(path)) continue;
      const oldPath = formatKeyPath([...path, alias.oldKey]);
      const newPath = formatKeyPath([...path, alias.newKey]);
      if (alias.newKey in out) {
        report.issue({
          path: oldPath,
          message: `is the deprecated name of "${alias.newKey}"; set only "${alias.newKey}"`,
        });
      } else {
        report.warn(`${oldPath}: deprecated key; use "${newPath}" instead`);
        out[alias.newKey] = out[alias.oldKey];
      }
      delete out[alias.oldKey];
    }
    return out;
  };
  return walk(raw, []);
}
