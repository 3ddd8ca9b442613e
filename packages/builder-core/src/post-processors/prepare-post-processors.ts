import type { GeneratedData } from '../build/generated-data';
import { ConfigError } from '../config/config-error';
import type { ConfigIssue } from '../config/config-issue';
import { toBuildData } from '../provisioners/decode-plugin-config';
import type { PluginPrepareEnv } from '../provisioners/plugin-prepare-env';
import { joinPath } from '../provisioners/prepare-provisioners';
import { appliesTo } from '../provisioners/provisioner-block';
import type { PostProcessorBlock } from './post-processor-block';
import type { PostProcessorPlugin, PreparedPostProcessor } from './post-processor-plugin';

/** Post-processor types by name. */
export type PostProcessorRegistry = ReadonlyMap<string, PostProcessorPlugin>;

/** The post-processor sequences of one build, prepared, or every problem with its key path. */
export interface PreparedPostProcessors {
  readonly sequences: readonly (readonly PreparedPostProcessor[])[];
  readonly issues: readonly ConfigIssue[];
  readonly warnings: readonly string[];
  readonly secrets: readonly string[];
}

/**
 * Prepares the template's post-processor sequences for one build: drops those whose `only`/`except` skip it
 * (and sequences left empty) and decodes each with its type's `prepare`. Issue paths look like
 * `post-processors[1].output`, or `post-processors[1][0].output` inside a sequence of several.
 */
export function preparePostProcessors(
  sequences: readonly (readonly PostProcessorBlock[])[],
  registry: PostProcessorRegistry,
  env: PluginPrepareEnv,
  path = 'post-processors',
): PreparedPostProcessors {
  const prepared: PreparedPostProcessor[][] = [];
  const issues: ConfigIssue[] = [];
  const warnings: string[] = [];
  const secrets: string[] = [];
  sequences.forEach((sequence, index) => {
    const chain: PreparedPostProcessor[] = [];
    sequence.forEach((block, position) => {
      if (!appliesTo(block, env.buildName)) return;
      const where = sequence.length > 1 ? `${path}[${index}][${position}]` : `${path}[${index}]`;
      const plugin = registry.get(block.type);
      if (!plugin) {
        const known = [...registry.keys()].sort().join(', ');
        issues.push({
          path: `${where}.type`,
          message: `unknown post-processor type "${block.type}" (known: ${known})`,
        });
        return;
      }
      const result = plugin.prepare(block.config, env);
      warnings.push(...result.warnings.map((warning) => `${where}: ${warning}`));
      if (!result.ok) {
        issues.push(...result.issues.map((issue) => ({ ...issue, path: joinPath(where, issue.path) })));
        return;
      }
      secrets.push(...(result.secrets ?? []));
      chain.push({
        type: block.type,
        name: block.name ?? block.type,
        keepInputArtifact: block.keepInputArtifact,
        postProcess(run, artifact) {
          // Decoded again with the artifact's generated data, for `{{ build \`ID\` }}` in custom data.
          const data = artifact.state('generated_data');
          const buildData = toBuildData(data && typeof data === 'object' ? (data as GeneratedData) : {});
          const now = plugin.prepare(block.config, { ...env, buildData });
          if (!now.ok) throw new ConfigError(now.issues, `${block.type} post-processor (${where})`);
          return plugin.postProcess({ ...run, interpolation: env.interpolation }, now.config, artifact);
        },
      });
    });
    if (chain.length > 0) prepared.push(chain);
  });
  return { sequences: prepared, issues, warnings, secrets };
}
