import {
  builtinPostProcessors,
  builtinProvisioners,
  type ConfigIssue,
  type CoreBuilder,
  type OnError,
  type PluginPrepareEnv,
  type PostProcessorRegistry,
  type PreparedPostProcessors,
  type PreparedProvisioners,
  type ProvisionerRegistry,
  preparePostProcessors,
  prepareProvisioners,
  type SelectedBuild,
} from '@osc-packer/builder-core';
import { type BuilderRegistry, defaultBuilderRegistry, unknownBuilderMessage } from './builder-registry';
import type { BuilderRuntime } from './builder-runtime';
import type { CliIo } from './cli-io';
import type { RunTemplate } from './load-run-template';

/** The components builds are made of. */
export interface Components {
  readonly builders: BuilderRegistry;
  readonly provisioners: ProvisionerRegistry;
  readonly postProcessors: PostProcessorRegistry;
}

/** osc-packer's own builders (wired to the run's world), provisioners and post-processors. */
export function defaultComponents(runtime: BuilderRuntime = {}): Components {
  return {
    builders: defaultBuilderRegistry(runtime),
    provisioners: builtinProvisioners(),
    postProcessors: builtinPostProcessors(),
  };
}

/** One build after preparation: its decoded parts, or the issues that stop it (with where they point). */
export interface BuildPreparation {
  readonly build: SelectedBuild;
  /** Set when the builder type is unknown (its provisioners and post-processors are prepared all the same). */
  readonly initError?: string;
  readonly builder?: CoreBuilder;
  readonly config?: unknown;
  /** The builder's own issues, with paths relative to its block (`builders[i]`). */
  readonly builderIssues: readonly ConfigIssue[];
  /** Provisioner and post-processor issues, with paths from the template root (`provisioners[2].inline`). */
  readonly pluginIssues: readonly ConfigIssue[];
  readonly warnings: readonly string[];
  readonly secrets: readonly string[];
  readonly provisioners?: PreparedProvisioners;
  readonly errorCleanupProvisioner?: PreparedProvisioners;
  readonly postProcessors?: PreparedPostProcessors;
}

/** The run's flags that preparation passes to builders. */
export interface PrepareFlags {
  readonly force?: boolean;
  readonly debug?: boolean;
  readonly onError?: OnError;
}

/**
 * Prepares each selected build as Packer's validate and build do: looks the builder type up, decodes the
 * builder's block with the build's interpolation context, then the provisioners, error-cleanup provisioner
 * and post-processors that apply to it. Collects every issue; never throws for a configuration problem.
 */
export function prepareBuilds(
  builds: readonly SelectedBuild[],
  run: RunTemplate,
  components: Components,
  io: CliIo,
  flags: PrepareFlags = {},
): BuildPreparation[] {
  return builds.map((build) => {
    const builderType = build.builder.type;
    const builder = components.builders.get(builderType);
    const interpolation = { ...run.context, buildName: build.name, buildType: builderType };
    const prepared = builder?.prepare(build.builder.config, {
      buildName: build.name,
      builderType,
      force: flags.force ?? false,
      debug: flags.debug ?? false,
      onError: flags.onError ?? 'cleanup',
      templatePath: run.template.path,
      userVariables: run.variables.values,
      env: io.env,
      interpolation,
    });
    // Provisioners and post-processors are prepared even when the builder type is unknown: every problem at once.
    const pluginEnv: PluginPrepareEnv = { buildName: build.name, builderType, env: io.env, cwd: io.cwd, interpolation };
    const provisioners = prepareProvisioners(build.provisioners, components.provisioners, pluginEnv);
    const cleanup = build.errorCleanupProvisioner;
    const errorCleanupProvisioner =
      cleanup && prepareProvisioners([cleanup], components.provisioners, pluginEnv, 'error-cleanup-provisioner');
    const postProcessors = preparePostProcessors(build.postProcessors, components.postProcessors, pluginEnv);
    const parts = [provisioners, ...(errorCleanupProvisioner ? [errorCleanupProvisioner] : []), postProcessors];
    return {
      build,
      initError: builder ? undefined : unknownBuilderMessage(builderType, components.builders),
      builder,
      config: prepared?.ok ? prepared.config : undefined,
      builderIssues: prepared && !prepared.ok ? prepared.issues : [],
      pluginIssues: parts.flatMap((part) => part.issues),
      warnings: [...(prepared?.warnings ?? []), ...parts.flatMap((part) => part.warnings)],
      secrets: [...((prepared?.ok && prepared.secrets) || []), ...parts.flatMap((part) => part.secrets)],
      provisioners,
      errorCleanupProvisioner,
      postProcessors,
    };
  });
}
