import type { KeyPath } from '../config/key-path';
import type { PostProcessorBlock } from '../post-processors/post-processor-block';
import type { ProvisionerBlock } from '../provisioners/provisioner-block';

/** A user variable declared in `variables`. */
export interface TemplateVariable {
  readonly name: string;
  /** The default as written (a template: it may use `{{env}}` and `{{user}}`); absent when required. */
  readonly default?: string;
  /** Declared as `null`: must be set with `-var` or `-var-file`. */
  readonly required: boolean;
  /** Listed in `sensitive-variables`: its value is scrubbed from all output. */
  readonly sensitive: boolean;
}

/** A `builders` entry: its type, its build name (default the type) and its own keys. */
export interface TemplateBuilder {
  /** Position in `builders`, for messages (`builders[1]`). */
  readonly index: number;
  readonly type: string;
  /** The build name as written (it may use `{{user}}`); default the type. */
  readonly name: string;
  /** Every key but `type` and `name`, as written. */
  readonly config: Readonly<Record<string, unknown>>;
}

/** A provisioner block; `max_retries` may be a template, rendered when builds are selected. */
export interface TemplateProvisioner extends ProvisionerBlock {
  /** `max_retries` as written when it is a template (`"{{user \`retries\`}}"`). */
  readonly maxRetriesTemplate?: string;
}

/** One element of `post-processors`: a single post-processor, or a chain each feeding the next. */
export type PostProcessorSequence = readonly PostProcessorBlock[];

/** A Packer JSON template, parsed and checked for structure (not yet for builders' own keys). */
export interface Template {
  /** Absolute path of the file it was read from, when it was read from a file. */
  readonly path?: string;
  readonly description?: string;
  readonly minPackerVersion?: string;
  /** Root keys starting with `_` (Packer's way of commenting JSON). */
  readonly comments: Readonly<Record<string, unknown>>;
  /** In template order. */
  readonly variables: readonly TemplateVariable[];
  readonly builders: readonly TemplateBuilder[];
  readonly provisioners: readonly TemplateProvisioner[];
  readonly errorCleanupProvisioner?: TemplateProvisioner;
  readonly postProcessors: readonly PostProcessorSequence[];
  /** Accepted but worth telling: duplicated keys (the last one wins, as in Packer), ignored keys. */
  readonly warnings: readonly string[];
  /** Where a key path (`builders[0].omi_name`) is written in the template, for messages. */
  locate(path: KeyPath): { line: number; column: number } | undefined;
}
