import type { InterpolationContext } from '../interpolation/interpolation-context';
import { InterpolationError } from '../interpolation/interpolation-error';
import { checkTemplate, renderTemplate } from '../interpolation/render-template';
import type { ConfigIssue } from './config-issue';
import { formatKeyPath, type KeyPath, keyPathMatcher } from './key-path';

/**
 * Renders every string of a raw configuration (object keys included), except under `deferred` patterns,
 * whose templates are only checked (syntax, functions, variables) and kept for a render with build data.
 * Every failure is reported with its key path; the failing string is kept as written, and quoted in the
 * message unless `isSensitive` says the value at that path is a secret (a password with `{{` in it).
 */
export function interpolateConfig(
  raw: unknown,
  context: InterpolationContext,
  deferred: readonly string[],
  report: (issue: ConfigIssue) => void,
  isSensitive: (path: KeyPath) => boolean = () => false,
): unknown {
  const matchers = deferred.map((pattern) => keyPathMatcher(pattern));
  const isDeferred = (path: KeyPath) => matchers.some((matches) => matches(path));
  const lateHint = deferred.length ? `; build data is available in: ${deferred.join(', ')}` : '';
  const render = (text: string, path: KeyPath): string => {
    try {
      if (!isDeferred(path)) return renderTemplate(text, context);
      checkTemplate(text, context);
    } catch (error) {
      if (!InterpolationError.isInstance(error)) throw error;
      const hint = error.reason.includes('is build data') ? lateHint : '';
      const where = isSensitive(path) ? `${error.reason} (in a sensitive value, not shown)` : error.message;
      report({ path: formatKeyPath(path), message: `${where}${hint}` });
    }
    return text;
  };
  const walk = (value: unknown, path: KeyPath): unknown => {
    if (typeof value === 'string') return render(value, path);
    if (Array.isArray(value)) return value.map((item, i) => walk(item, [...path, i]));
    if (!value || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const renderedKey = path.length > 0 ? render(key, [...path, key]) : key;
      out[renderedKey] = walk(item, [...path, renderedKey]);
    }
    return out;
  };
  return walk(raw, []);
}
