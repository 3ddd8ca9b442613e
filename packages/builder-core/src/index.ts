/** What a build produced. */
export type { Artifact } from './build/artifact';
/** Thrown by a build that was cancelled (Ctrl-C). */
export { BuildCancelledError } from './build/build-cancelled-error';
/** What `Builder.run` receives: Ui, cancellation, policies, and the provisioning hook. */
export type { BuildContext } from './build/build-context';
/** The provisioners of one build, ready to run. */
export { type BuildProvisioning, noProvisioning, type ProvisioningRun } from './build/build-provisioning';
/** A builder: pure prepare, then run. */
export type { Builder, PrepareResult } from './build/builder';
/** A builder run by this engine (`Builder` with `PrepareEnv` and `BuildContext`). */
export type { CoreBuilder } from './build/core-builder';
/** Creates the context a builder runs in (used by `runBuilds` and by builder tests). */
export { type BuildContextOptions, createBuildContext } from './build/create-build-context';
/** What a builder hands to provisioners and post-processors (`generated_data`). */
export type { GeneratedData } from './build/generated-data';
/** Go's `time.Duration` spelling (`1m30s`), as Packer prints durations. */
export { formatGoDuration } from './build/go-duration';
/** Packer's build timings (`1 minute 27 seconds`). */
export { formatHumanDuration } from './build/human-duration';
/** What `Builder.prepare` receives: the build's identity and the run's flags. */
export type { PrepareEnv } from './build/prepare-env';
/** A connection to the machine being provisioned (SSH). */
export type { Communicator, ExitStatus, RemoteCommand, TransferOptions } from './communicator/communicator';
/** One configuration problem with its key path. */
export type { ConfigIssue } from './config/config-issue';
/** Packer's clean_resource_name / clean_omi_name template function. */
export { cleanResourceName } from './interpolation/clean-resource-name';
/** Packer's `-on-error` policies. */
export { isOnError, type OnError, onErrorPolicies } from './steps/on-error';
/** The step that runs the template's provisioners (and the error-cleanup-provisioner on failure). */
export { type ProvisionStepOptions, provisionStep } from './steps/provision-step';
/** How a run of steps ended, and the cleanups it left behind. */
export type { AbandonedCleanups, RunOutcome } from './steps/run-outcome';
/** A build step with its typed state contract, and what run and cleanup receive. */
export type { CleanupContext, CleanupReason, Step, StepContext } from './steps/step';
/** A step list whose requires/provides do not line up (thrown before anything runs). */
export { StepContractError } from './steps/step-contract-error';
/** A step failed; names the step and the phase. */
export { StepError, type StepPhase } from './steps/step-error';
/** Runs steps with Packer's multistep lifecycle, `-on-error`, `-debug`, cancellation and forced exit. */
export { runSteps, StepRunner, type StepRunnerOptions } from './steps/step-runner';
/** A writable stream that keeps what is written (embedding, tests). */
export { CaptureStream } from './ui/capture-stream';
/** Packer's human output: prefixes, colours, timestamps, progress, questions. */
export { createHumanUi, type HumanUiOptions } from './ui/human-ui';
/** Diagnostics logging, scrubbed of secrets. */
export { createLineLogger, type LineLoggerOptions, type Logger, noopLogger } from './ui/logger';
/** Packer's `-machine-readable` record format. */
export { escapeMachineField, machineReadableLine } from './ui/machine-readable';
/** Packer's `-machine-readable` output. */
export { createMachineReadableUi, type MachineReadableUiOptions } from './ui/machine-readable-ui';
/** The run's secrets, scrubbed from everything printed or logged. */
export { SecretRegistry, sensitivePlaceholder } from './ui/secret-registry';
/** Terminal streams a human Ui writes to. */
export type { TerminalOptions } from './ui/terminal';
/** What builds print through: Packer's human and machine-readable output. */
export type { ProgressTracker, TargetableUi, Ui } from './ui/ui';
/** Colour decision and build colours. */
export { buildColors, type ColorChoice, shouldUseColor } from './ui/ui-color';
/** `Ui.ask` had no terminal to ask on. */
export { UiInputError } from './ui/ui-input-error';
