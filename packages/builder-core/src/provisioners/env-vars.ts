import type { GeneratedData } from '../build/generated-data';

/** Markers Packer puts in generated data when the builder serves no HTTP directory. */
const notImplemented = new Set([
  'ERR_HTTP_ADDR_NOT_IMPLEMENTED_BY_BUILDER',
  'ERR_HTTP_IP_NOT_IMPLEMENTED_BY_BUILDER',
  'ERR_HTTP_PORT_NOT_IMPLEMENTED_BY_BUILDER',
]);

/**
 * The variables Packer always sets for shell provisioners: `PACKER_BUILD_NAME`, `PACKER_BUILDER_TYPE`, and
 * `PACKER_HTTP_ADDR`/`_IP`/`_PORT` only when the build serves an HTTP directory (osc builders do not).
 */
export function packerEnvVars(
  buildName: string,
  builderType: string,
  generatedData: GeneratedData,
): Record<string, string> {
  const vars: Record<string, string> = { PACKER_BUILD_NAME: buildName, PACKER_BUILDER_TYPE: builderType };
  const http = {
    PACKER_HTTP_ADDR: 'PackerHTTPAddr',
    PACKER_HTTP_IP: 'PackerHTTPIP',
    PACKER_HTTP_PORT: 'PackerHTTPPort',
  };
  for (const [name, key] of Object.entries(http)) {
    const value = generatedData[key];
    if (
      (typeof value === 'string' || typeof value === 'number') &&
      value !== '' &&
      !notImplemented.has(String(value))
    ) {
      vars[name] = String(value);
    }
  }
  return vars;
}

/**
 * Merges Packer's variables, `environment_vars` (`KEY=value`, split at the first `=`) and `env`, later ones
 * winning, as Packer does.
 */
export function collectEnvVars(
  packerVars: Readonly<Record<string, string>>,
  environmentVars: readonly string[],
  env: Readonly<Record<string, string>>,
): Record<string, string> {
  const vars: Record<string, string> = { ...packerVars };
  for (const pair of environmentVars) {
    const at = pair.indexOf('=');
    if (at > 0) vars[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return Object.assign(vars, env);
}

/** Problems with `environment_vars` entries (`=foo`, `foobar`), as Packer words them. */
export function envVarIssues(environmentVars: readonly string[]): string[] {
  return environmentVars
    .filter((pair) => pair.indexOf('=') <= 0)
    .map((pair) => `Environment variable not in format 'key=value': ${pair}`);
}

/**
 * Formats variables with Packer's `env_var_format` (`%s='%s' ` by default), in sorted key order, each value's
 * single quotes escaped as `'"'"'` so it survives the single-quoted shell word.
 */
export function flattenEnvVars(vars: Readonly<Record<string, string>>, format: string): string {
  return Object.keys(vars)
    .sort()
    .map((key) => formatPair(format, key, (vars[key] ?? '').replaceAll("'", `'"'"'`)))
    .join('');
}

/** Go's Sprintf for a format with two `%s` verbs (and `%%`). */
function formatPair(format: string, key: string, value: string): string {
  const args = [key, value];
  return format.replace(/%[s%]/g, (verb) => (verb === '%%' ? '%' : (args.shift() ?? '%!s(MISSING)')));
}
