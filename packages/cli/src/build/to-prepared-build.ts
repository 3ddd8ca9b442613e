import { createProvisioning, type PreparedBuild } from '@osc-packer/builder-core';
import type { BuildPreparation } from '../prepare-builds';

/** Where the provisioners of a build run locally (`shell-local`) and what environment they see. */
export interface ProvisioningWorld {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** True when the build prepared cleanly and can run. */
export function isRunnable(preparation: BuildPreparation): boolean {
  return (
    preparation.initError === undefined &&
    preparation.builder !== undefined &&
    preparation.config !== undefined &&
    preparation.builderIssues.length === 0 &&
    preparation.pluginIssues.length === 0
  );
}

/**
 * Binds a cleanly prepared build into what the engine runs: the builder with its decoded config, its
 * provisioners (and error-cleanup provisioner) bundled by `createProvisioning`, its post-processor sequences.
 * Returns undefined for a build that did not prepare.
 */
export function toPreparedBuild(preparation: BuildPreparation, world: ProvisioningWorld): PreparedBuild | undefined {
  const { builder, config, build } = preparation;
  if (!isRunnable(preparation) || builder === undefined || config === undefined || config === null) return undefined;
  const identity = { buildName: build.name, builderType: build.builder.type, env: world.env, cwd: world.cwd };
  return {
    name: build.name,
    builderType: build.builder.type,
    run: (context) => builder.run(context, config),
    provisioning: createProvisioning(
      preparation.provisioners?.provisioners ?? [],
      preparation.errorCleanupProvisioner?.provisioners[0],
      identity,
    ),
    postProcessors: preparation.postProcessors?.sequences ?? [],
  };
}
