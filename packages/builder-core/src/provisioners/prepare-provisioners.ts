import { ConfigError } from '../config/config-error';
import type { ConfigIssue } from '../config/config-issue';
import { toBuildData } from './decode-plugin-config';
import type { PluginPrepareEnv } from './plugin-prepare-env';
import { appliesTo, type ProvisionerBlock } from './provisioner-block';
import type { PreparedProvisioner, ProvisionerPlugin } from './provisioner-plugin';

/** Provisioner types by name. */
export type ProvisionerRegistry = ReadonlyMap<string, ProvisionerPlugin>;

/** The provisioners of one build, prepared, or every problem with its key path. */
export interface PreparedProvisioners {
  readonly provisioners: readonly PreparedProvisioner[];
  readonly issues: readonly ConfigIssue[];
  readonly warnings: readonly string[];
  /** Secret values found in the configs, to scrub from output. */
  readonly secrets: readonly string[];
}

/**
 * Prepares the template's provisioners for one build: keeps those whose `only`/`except` select it, applies
 * `override[buildName]`, and decodes each with its type's `prepare`. Issue paths are prefixed with
 * `<path>[index].` (e.g. `provisioners[2].inline`).
 */
export function prepareProvisioners(
  blocks: readonly ProvisionerBlock[],
  registry: ProvisionerRegistry,
  env: PluginPrepareEnv,
  path = 'provisioners',
): PreparedProvisioners {
  const provisioners: PreparedProvisioner[] = [];
  const issues: ConfigIssue[] = [];
  const warnings: string[] = [];
  const secrets: string[] = [];
  blocks.forEach((block, index) => {
    if (!appliesTo(block, env.buildName)) return;
    const where = `${path}[${index}]`;
    const plugin = registry.get(block.type);
    if (!plugin) {
      const known = [...registry.keys()].sort().join(', ');
      issues.push({ path: `${where}.type`, message: `unknown provisioner type "${block.type}" (known: ${known})` });
      return;
    }
    const raw = { ...block.config, ...block.override?.[env.buildName] };
    const result = plugin.prepare(raw, env);
    warnings.push(...result.warnings.map((warning) => `${where}: ${warning}`));
    if (!result.ok) {
      issues.push(...result.issues.map((issue) => ({ ...issue, path: joinPath(where, issue.path) })));
      return;
    }
    secrets.push(...(result.secrets ?? []));
    provisioners.push({
      type: block.type,
      pauseBeforeMs: block.pauseBeforeMs ?? 0,
      maxRetries: block.maxRetries ?? 0,
      timeoutMs: block.timeoutMs ?? 0,
      provision(run, communicator) {
        // Decoded again now that the build's data (`{{ build \`Host\` }}`) exists.
        const now = plugin.prepare(raw, { ...env, buildData: toBuildData(run.generatedData) });
        if (!now.ok) throw new ConfigError(now.issues, `${block.type} provisioner (${where})`);
        return plugin.provision({ ...run, interpolation: env.interpolation }, now.config, communicator);
      },
    });
  });
  return { provisioners, issues, warnings, secrets };
}

/** Joins a block's path and a key path inside it (`provisioners[0]` + `inline[1]`). */
export function joinPath(prefix: string, path: string): string {
  if (path === '') return prefix;
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}
