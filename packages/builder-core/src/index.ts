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
/** Several errors of one build (post-processor failures), listed as Packer does. */
export { MultiError } from './build/multi-error';
/** What `Builder.prepare` receives: the build's identity and the run's flags. */
export type { PrepareEnv } from './build/prepare-env';
/** One build of a template, ready to run. */
export type { PreparedBuild } from './build/prepared-build';
/** Runs the selected builds in parallel, with post-processors and Packer's summary and exit code. */
export { type RunBuildsResult, runBuilds } from './build/run-builds';
/** How one build ended. */
export type { BuildResult } from './build/run-one-build';
/** Options of `runBuilds`. */
export type { RunBuildsOptions } from './build/run-options';
/** A connection to the machine being provisioned (SSH). */
export type { Communicator, ExitStatus, RemoteCommand, TransferOptions } from './communicator/communicator';
/** The communicator config block (`communicator`, `ssh_*`, `winrm_*` keys) with Packer's rules. */
export { type CommunicatorConfig, communicatorConfigBlock } from './communicator/communicator-config';
/** Connects over SSH (retries until ssh_timeout, bastion, proxy) and returns a ready communicator. */
export { connectSsh } from './communicator/connect-ssh';
/** Packer's SSH communicator: commands, SCP and SFTP transfers, reconnect after a dropped connection. */
export { SshCommunicator } from './communicator/ssh-communicator';
/** Options of the SSH communicator: what the `ssh_*` configuration keys map to. */
export type {
  SshCommunicatorOptions,
  SshCredentials,
  SshEndpoint,
  SshKeyboardInteractive,
  SshPrivateKeySource,
  SshPrompt,
  SshProxy,
  SshTunnel,
} from './communicator/ssh-communicator-options';
/** A failure of the SSH communicator, with a machine-readable reason. */
export { SshError, type SshErrorReason } from './communicator/ssh-error';
/** Maps a decoded communicator block to connectSsh options; checks its key files early. */
export { checkSshFiles, type SshRuntime, sshOptionsFromConfig } from './communicator/ssh-options-from-config';
/** Go durations (`"1h30m"`) decoded to milliseconds. */
/** One of a fixed set of strings; an empty string counts as unset (Packer's zero value). */
export { choice } from './config/choice';
/** Blocks of configuration keys, composed per builder or provisioner. */
export {
  type ConfigBlock,
  type ConfigReporter,
  type ConfigSpec,
  composeConfig,
  configBlock,
} from './config/config-block';
/** Markdown docs tables generated from config schemas. */
export { configDocsMarkdown, configDocsTable } from './config/config-docs';
/** An invalid configuration carrying every issue, and the `* path: message` list format. */
export { ConfigError, formatConfigIssues } from './config/config-error';
/** One configuration problem with its key path. */
export type { ConfigIssue } from './config/config-issue';
/** An editor JSON Schema generated from config schemas. */
export { type ConfigJsonSchemaOptions, configJsonSchema } from './config/config-json-schema';
/** Decodes a raw config block as Packer does, reporting every problem at once. */
export { type DecodeOptions, type DecodeResult, decodeConfig } from './config/decode-config';
/** The closest known name to a misspelt one. */
export { didYouMean, editDistance } from './config/did-you-mean';
/** Marks a config field as secret (never quoted, scrubbed from output). */
export { sensitive } from './config/field-annotations';
export { goDuration, parseGoDuration } from './config/go-duration';
/** Key paths as users write them (`a[1].b`) and patterns over them (`a[].b`). */
export { formatKeyPath, type KeyPath, keyPathMatcher, parseKeyPath } from './config/key-path';
/** An object of strings (tags, filters), with scalars turned into strings. */
export { stringMap } from './config/string-map';
/** A boolean also written `"true"`, `"1"`, `"f"`... */
export { weakBoolean } from './config/weak-boolean';
/** A number also written as a string. */
export { type WeakNumberOptions, weakInteger, weakNumber } from './config/weak-number';
/** A string that also accepts numbers and booleans. */
export { weakString } from './config/weak-string';
/** A list of strings also written `"a,b,c"`. */
export { weakStringList } from './config/weak-string-list';
/** Packer's clean_resource_name / clean_omi_name template function. */
export { cleanResourceName } from './interpolation/clean-resource-name';
/** Formats a UTC time with a Go layout (`2006-01-02T15:04:05Z07:00`). */
export { formatGoTime, rfc3339Layout } from './interpolation/go-time-format';
/** What template strings can refer to during one run. */
export {
  createInterpolationContext,
  type InterpolationContext,
  type InterpolationContextOptions,
} from './interpolation/interpolation-context';
/** A template string that cannot be parsed or rendered. */
export { InterpolationError, type InterpolationErrorDetails } from './interpolation/interpolation-error';
/** The Packer version osc-packer emulates, and version comparison. */
export { compareVersions, emulatedPackerVersion, parseVersion } from './interpolation/packer-version';
/** Renders (or only checks) one template string. */
export {
  checkTemplate,
  type RenderOptions,
  renderTemplate,
  templateFunctionNames,
} from './interpolation/render-template';
/** C strftime formatting, for Packer's strftime function. */
export { strftime } from './interpolation/strftime';
/** Extra functions a builder adds to templates. */
export {
  type FunctionScope,
  type ParamKind,
  type TemplateFunction,
  TemplateFunctionFailure,
} from './interpolation/template-function';
/** The post-processors osc-packer provides: `manifest`, `shell-local`. */
export { builtinPostProcessors } from './post-processors/builtin-post-processors';
/** Packer's manifest file format: parse, append, write exactly as Packer. */
export {
  appendBuild,
  formatManifest,
  type ManifestArtifactFile,
  type ManifestBuild,
  type ManifestFile,
  parseManifest,
} from './post-processors/manifest/manifest-file';
/** The `manifest` post-processor. */
export { manifestPostProcessor } from './post-processors/manifest/manifest-post-processor';
/** A post-processor block of a template. */
export type { PostProcessorBlock } from './post-processors/post-processor-block';
/** A post-processor type, its run context and result, and a prepared post-processor. */
export type {
  PostProcessorPlugin,
  PostProcessorRun,
  PostProcessResult,
  PreparedPostProcessor,
} from './post-processors/post-processor-plugin';
/** Prepares a build's post-processor sequences (only/except, decoding with key paths). */
export {
  type PostProcessorRegistry,
  type PreparedPostProcessors,
  preparePostProcessors,
} from './post-processors/prepare-post-processors';
/** Runs a build's post-processor sequences with Packer's keep/destroy rules. */
export { type PostProcessingOutcome, runPostProcessors } from './post-processors/run-post-processors';
/** The `shell-local` post-processor. */
export { shellLocalPostProcessor } from './post-processors/shell-local/shell-local-post-processor';
/** The `breakpoint` provisioner. */
export { breakpointProvisioner } from './provisioners/breakpoint/breakpoint-provisioner';
/** The provisioners osc-packer provides: `shell`, `file`, `shell-local`, `breakpoint`. */
export { builtinProvisioners } from './provisioners/builtin-provisioners';
/** Bundles a build's prepared provisioners into the hook builders call. */
export { createProvisioning, type ProvisioningIdentity } from './provisioners/create-provisioning';
/** Decodes a provisioner's or post-processor's block with the run's interpolation and build data. */
export { decodePluginConfig, toBuildData } from './provisioners/decode-plugin-config';
/** Provisioner environment variables as Packer sets and formats them. */
export { collectEnvVars, envVarIssues, flattenEnvVars, packerEnvVars } from './provisioners/env-vars';
/** Packer's exit-code rules (2300218 = disconnected). */
export { disconnectedExitCode, invalidExitCodeMessage } from './provisioners/exit-codes';
/** The `file` provisioner. */
export { fileProvisioner } from './provisioners/file/file-provisioner';
/** Splits command output into cleaned lines for the Ui. */
export { cleanOutputLine, LineSplitter } from './provisioners/line-splitter';
/** What a provisioner's or post-processor's prepare receives. */
export type { PluginPrepareEnv } from './provisioners/plugin-prepare-env';
/** Prepares a build's provisioners (only/except, override, decoding with key paths). */
export {
  type PreparedProvisioners,
  type ProvisionerRegistry,
  prepareProvisioners,
} from './provisioners/prepare-provisioners';
/** A provisioner block of a template, and the only/except rule. */
export { appliesTo, type ProvisionerBlock } from './provisioners/provisioner-block';
/** A provisioner type, its run context, and a prepared provisioner. */
export type { PreparedProvisioner, ProvisionerPlugin, ProvisionerRun } from './provisioners/provisioner-plugin';
/** A provisioner ran past its `timeout`. */
export { ProvisionerTimeoutError } from './provisioners/provisioner-timeout-error';
/** Retries starting remote work until a deadline (rides out reboots). */
export { type RetryUntilOptions, retryUntil } from './provisioners/retry-until';
/** Runs a remote command, streaming its output through the Ui line by line (Packer's RunWithUi). */
export { runCommandWithUi } from './provisioners/run-command-with-ui';
/** The `shell` provisioner. */
export { shellProvisioner } from './provisioners/shell/shell-provisioner';
/** Runs a local program streaming its output through the Ui. */
export { runLocalCommand } from './provisioners/shell-local/run-local-command';
/** The `shell-local` provisioner. */
export { shellLocalProvisioner } from './provisioners/shell-local/shell-local-provisioner';
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
/** Globs over build names, as `-only`/`-except` accept them. */
export { globToRegExp, matchesAnyGlob } from './template/glob-pattern';
/** Strict JSON parsing that remembers positions and duplicated keys. */
export { type DuplicateKey, type JsonDocument, parseJsonDocument } from './template/json-document';
/** A JSON document that does not parse, with line, column and an excerpt. */
export { excerptAt, JsonSyntaxError, lineAndColumn } from './template/json-syntax-error';
/** Reads and parses a template file. */
export { type LoadTemplateOptions, loadTemplate } from './template/load-template';
/** Parses a template's text and checks its structure. */
export { parseTemplate } from './template/parse-template';
/** Resolves user variables (defaults, -var-file, -var, env, references between variables). */
export { type ResolvedVariables, resolveVariables, type VariableInputs } from './template/resolve-variables';
/** Picks the builds to run (-only/-except globs), with their provisioners and post-processors. */
export { type BuildFilter, type SelectedBuild, selectBuilds } from './template/select-builds';
/** A template with structural, variable or selection problems, all at once. */
export { TemplateError } from './template/template-error';
/** The typed model of a Packer JSON template. */
export type {
  PostProcessorSequence,
  Template,
  TemplateBuilder,
  TemplateProvisioner,
  TemplateVariable,
} from './template/template-model';
/** Checks builders, only/except/override names and min_packer_version. */
export { validateTemplate } from './template/validate-template';
/** `-var key=value` and `-var-file` parsing. */
export { parseVarFile, parseVarFlag, readVarFile, type VarFile } from './template/variable-sources';
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
