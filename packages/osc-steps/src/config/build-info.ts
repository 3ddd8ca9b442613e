import {
  type ConfigIssue,
  checkTemplate,
  didYouMean,
  formatKeyPath,
  type InterpolationContext,
  InterpolationError,
  type KeyPath,
  keyPathMatcher,
  renderTemplate,
} from '@osc-packer/builder-core';

/**
 * The build data of an Outscale build, the `.` of the fields rendered during the build (`tags`, `run_tags`,
 * `omi_description`...): `{{ .SourceOMIName }}`, `{{ .SourceOMITags.Key }}`, `{{ .BuildRegion }}`.
 */
export interface OutscaleBuildInfo {
  /** The Region the build runs in, as resolved (template, environment, profile or default). */
  BuildRegion: string;
  /** Id of the source OMI. */
  SourceOMI: string;
  SourceOMIName: string;
  /** Tags of the source OMI; a missing key reads as an empty string. */
  SourceOMITags: Readonly<Record<string, string>>;
  SourceOMICreationDate: string;
  /** Account id of the source OMI's owner. */
  SourceOMIOwner: string;
  /** Account alias of the source OMI's owner (e.g. `Outscale`), empty when it has none. */
  SourceOMIOwnerName: string;
}

/** The names of the build data, as templates spell them. */
export const buildInfoNames = [
  'BuildRegion',
  'SourceOMI',
  'SourceOMIName',
  'SourceOMITags',
  'SourceOMICreationDate',
  'SourceOMIOwner',
  'SourceOMIOwnerName',
] as const satisfies readonly (keyof OutscaleBuildInfo)[];

/** Build data with every field empty: what a build that has not found its source OMI yet can tell. */
export const emptyBuildInfo: Readonly<OutscaleBuildInfo> = Object.freeze({
  BuildRegion: '',
  SourceOMI: '',
  SourceOMIName: '',
  SourceOMITags: {},
  SourceOMICreationDate: '',
  SourceOMIOwner: '',
  SourceOMIOwnerName: '',
});

/** Renders a field rendered during the build (a deferred field) with the build data. Throws InterpolationError. */
export function renderWithBuildInfo(text: string, context: InterpolationContext, info: OutscaleBuildInfo): string {
  return renderTemplate(text, { ...context, data: { ...info } });
}

/** Renders every key and value of a deferred map (tags) with the build data. Throws InterpolationError. */
export function renderMapWithBuildInfo(
  map: Readonly<Record<string, string>> | undefined,
  context: InterpolationContext,
  info: OutscaleBuildInfo,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(map ?? {})) {
    out[renderWithBuildInfo(key, context, info)] = renderWithBuildInfo(value, context, info);
  }
  return out;
}

function problemOf(text: string, context: InterpolationContext): string | undefined {
  try {
    // Syntax, functions and variables are reported by decodeConfig already; only build data is checked here.
    checkTemplate(text, context);
  } catch {
    return undefined;
  }
  try {
    renderWithBuildInfo(text, context, emptyBuildInfo);
    return undefined;
  } catch (error) {
    if (!InterpolationError.isInstance(error)) throw error;
    const unknown = error.subject && !(buildInfoNames as readonly string[]).includes(error.subject);
    const suggestion = unknown && error.subject ? didYouMean(error.subject, buildInfoNames) : undefined;
    return suggestion ? `${error.message}; did you mean "${suggestion}"?` : error.message;
  }
}

/**
 * Checks at prepare time that the deferred fields of a raw builder block (key path patterns such as `tags`
 * or `bsu_volumes[].tags`) only use build data that exists: `{{ .SourceOmi }}` is an error now, with a
 * suggestion, instead of a failure after the VM was built. Keys and values of maps are checked.
 */
export function checkBuildInfoTemplates(
  raw: Readonly<Record<string, unknown>>,
  patterns: readonly string[],
  context: InterpolationContext,
): ConfigIssue[] {
  const matchers = patterns.map((pattern) => keyPathMatcher(pattern));
  const issues: ConfigIssue[] = [];
  const check = (text: string, path: KeyPath) => {
    const problem = problemOf(text, context);
    if (problem) issues.push({ path: formatKeyPath(path), message: problem });
  };
  const walk = (value: unknown, path: KeyPath, deferred: boolean): void => {
    const inside = deferred || matchers.some((matches) => matches(path));
    if (typeof value === 'string') {
      if (inside) check(value, path);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const entries: [string | number, unknown][] = Array.isArray(value) ? [...value.entries()] : Object.entries(value);
    for (const [key, item] of entries) {
      const childPath = [...path, key];
      if (inside && typeof key === 'string') check(key, childPath);
      walk(item, childPath, inside);
    }
  };
  walk(raw, [], false);
  return issues;
}
