import type { Communicator } from '../communicator/communicator';
import type { OnError } from '../steps/on-error';
import type { Step } from '../steps/step';
import type { Logger } from '../ui/logger';
import type { SecretRegistry } from '../ui/secret-registry';
import type { Ui } from '../ui/ui';
import type { GeneratedData } from './generated-data';

/** What `Builder.run` receives: its Ui, cancellation, the run's policies, and the provisioning hook. */
export interface BuildContext {
  /** The build's name: the builder's `name`, or its type. */
  readonly buildName: string;
  readonly builderType: string;
  /** This build's Ui (prefixed with its name, in its colour). */
  readonly ui: Ui;
  readonly log: Logger;
  /** Aborted on cancellation (first Ctrl-C). */
  readonly signal: AbortSignal;
  /** Aborted on forced exit (second Ctrl-C). */
  readonly forceSignal: AbortSignal;
  readonly debug: boolean;
  readonly force: boolean;
  readonly onError: OnError;
  /** This run's UUID (Packer's `PACKER_RUN_UUID`): tag temporary resources with it. */
  readonly runUuid: string;
  /** Register secrets discovered while building (temporary private keys, generated passwords). */
  readonly secrets: SecretRegistry;
  /** True when the template has provisioners for this build (a builder may skip connecting otherwise). */
  readonly hasProvisioners: boolean;
  /**
   * Runs `steps` with this build's policies (`-on-error`, `-debug`, cancellation, journal hook). Resolves when
   * every step and cleanup ran; rejects with the failing `StepError`, or `BuildCancelledError`.
   */
  runSteps<S extends object>(steps: readonly Step<S>[], state: S): Promise<void>;
  /**
   * Runs the template's provisioners for this build over `communicator`, with `generatedData` for
   * `{{ build }}` and post-processors. Rejects with the provisioner's error, or `BuildCancelledError`.
   */
  provision(communicator: Communicator, generatedData: GeneratedData): Promise<void>;
  /**
   * Runs the template's `error-cleanup-provisioner`, if any, after provisioning failed; `signal` (the
   * cleanup's) bounds it, default the build's.
   */
  provisionErrorCleanup(communicator: Communicator, generatedData: GeneratedData, signal?: AbortSignal): Promise<void>;
}
