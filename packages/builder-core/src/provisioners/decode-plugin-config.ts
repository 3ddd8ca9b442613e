import type { PrepareResult } from '../build/builder';
import type { GeneratedData } from '../build/generated-data';
import type { ConfigSpec } from '../config/config-block';
import type { ConfigIssue } from '../config/config-issue';
import { decodeConfig } from '../config/decode-config';
import type { InterpolationContext } from '../interpolation/interpolation-context';
import type { PluginPrepareEnv } from './plugin-prepare-env';

/**
 * Build data at prepare time: any key reads as a placeholder, since the values exist only once the machine
 * is up (Packer validates against placeholders the same way); the config is decoded again before it runs.
 */
const placeholderBuildData: Readonly<Record<string, string>> = new Proxy(
  {},
  {
    get: (_, key) => (typeof key === 'string' ? `<build data ${key}, known while provisioning>` : undefined),
    has: () => true,
  },
);

/** Generated data as `{{ build }}` reads it: every scalar as a string. */
export function toBuildData(generatedData: GeneratedData): Record<string, string> {
  const data: Record<string, string> = {};
  for (const [key, value] of Object.entries(generatedData)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') data[key] = String(value);
  }
  return data;
}

/**
 * Decodes a provisioner's or post-processor's block with the run's interpolation (build name and type set,
 * build data from `env`), then applies `check`, which may read the file system and report more issues.
 * Returns every problem at once.
 */
export function decodePluginConfig<T>(
  spec: ConfigSpec<T>,
  raw: Readonly<Record<string, unknown>>,
  env: PluginPrepareEnv,
  check?: (config: T, report: (path: string, message: string) => void) => void,
): PrepareResult<T> {
  const interpolation: InterpolationContext | undefined = env.interpolation && {
    ...env.interpolation,
    buildName: env.buildName,
    buildType: env.builderType,
    buildData: env.buildData ?? placeholderBuildData,
  };
  const decoded = decodeConfig(spec, raw, { interpolation });
  if (!decoded.ok) return { ok: false, issues: decoded.issues, warnings: decoded.warnings };
  const issues: ConfigIssue[] = [];
  check?.(decoded.value, (path, message) => issues.push({ path, message }));
  if (issues.length > 0) return { ok: false, issues, warnings: decoded.warnings };
  return { ok: true, config: decoded.value, warnings: decoded.warnings, secrets: decoded.secrets };
}
