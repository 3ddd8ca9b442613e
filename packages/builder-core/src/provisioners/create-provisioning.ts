import type { BuildProvisioning, ProvisioningRun } from '../build/build-provisioning';
import type { GeneratedData } from '../build/generated-data';
import type { Communicator } from '../communicator/communicator';
import type { PreparedProvisioner, ProvisionerRun } from './provisioner-plugin';
import { runProvisioner } from './run-provisioner';

/** The identity and world the provisioners of one build run with. */
export interface ProvisioningIdentity {
  readonly buildName: string;
  readonly builderType: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/**
 * Bundles a build's prepared provisioners (and its `error-cleanup-provisioner`) into the hook a builder
 * calls: they run in order, the first failure stops provisioning.
 */
export function createProvisioning(
  provisioners: readonly PreparedProvisioner[],
  errorCleanup: PreparedProvisioner | undefined,
  identity: ProvisioningIdentity,
): BuildProvisioning {
  const runOf = (run: ProvisioningRun, generatedData: GeneratedData): ProvisionerRun => ({
    ...run,
    ...identity,
    generatedData,
  });
  return {
    count: provisioners.length,
    async provision(run, communicator: Communicator, generatedData) {
      for (const provisioner of provisioners) {
        await runProvisioner(provisioner, runOf(run, generatedData), communicator);
      }
    },
    async errorCleanup(run, communicator, generatedData) {
      if (errorCleanup) await runProvisioner(errorCleanup, runOf(run, generatedData), communicator);
    },
  };
}
