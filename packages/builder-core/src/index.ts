/** What a build produced. */
export type { Artifact } from './build/artifact';
/** A builder: pure prepare, then run. */
export type { Builder, PrepareResult } from './build/builder';
/** A connection to the machine being provisioned (SSH). */
export type { Communicator, ExitStatus, RemoteCommand, TransferOptions } from './communicator/communicator';
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
/** Go durations (`"1h30m"`) decoded to milliseconds. */
export { formatGoDuration, goDuration, parseGoDuration } from './config/go-duration';
/** Key paths as users write them (`a[1].b`) and patterns over them (`a[].b`). */
export { formatKeyPath, type KeyPath, keyPathMatcher } from './config/key-path';
/** What a builder's prepare receives. */
export type { PrepareEnv } from './config/prepare-env';
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
/** What builds print through: Packer's human and machine-readable output. */
export type { ProgressTracker, Ui } from './ui/ui';
