import type { AbandonedCleanups, Logger, SecretRegistry, TargetableUi } from '@osc-packer/builder-core';
import type { CliIo } from '../cli-io';
import type { BuildArguments } from './build-arguments';
import type { Interrupts } from './interrupts';

/** One run of `osc-packer build`: its flags, output, secrets, log and interrupts. */
export interface BuildRun {
  readonly args: BuildArguments;
  readonly io: CliIo;
  readonly now: () => Date;
  readonly ui: TargetableUi;
  readonly secrets: SecretRegistry;
  readonly log: Logger;
  /** Where the debug log goes, when it is on. */
  readonly logDestination: string | undefined;
  readonly interrupts: Interrupts;
  /** What builds left behind (abort policy, forced exit), as the engine reported it. */
  readonly abandoned: { build: string; abandoned: AbandonedCleanups }[];
}
