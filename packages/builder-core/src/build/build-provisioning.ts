import type { Communicator } from '../communicator/communicator';
import type { Logger } from '../ui/logger';
import type { Ui } from '../ui/ui';
import type { GeneratedData } from './generated-data';

/** What provisioning needs from the running build. */
export interface ProvisioningRun {
  readonly ui: Ui;
  readonly log: Logger;
  readonly signal: AbortSignal;
  readonly debug: boolean;
}

/** The provisioners of one build, ready to run (built from the template by the provisioning module). */
export interface BuildProvisioning {
  /** How many provisioners run for this build (0: a builder may skip connecting). */
  readonly count: number;
  /** Runs the provisioners in order; rejects with the first failure. */
  provision(run: ProvisioningRun, communicator: Communicator, generatedData: GeneratedData): Promise<void>;
  /** Runs the `error-cleanup-provisioner`, if any. */
  errorCleanup(run: ProvisioningRun, communicator: Communicator, generatedData: GeneratedData): Promise<void>;
}

/** A build without provisioners. */
export const noProvisioning: BuildProvisioning = {
  count: 0,
  provision: async () => {},
  errorCleanup: async () => {},
};
