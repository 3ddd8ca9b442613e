import { emulatedPackerVersion } from './packer-version';
import type { TemplateFunction } from './template-function';
import { timeOrderedUuid } from './time-ordered-uuid';

/**
 * Everything a template string can refer to. One context is made per run (so `{{timestamp}}`, `{{isotime}}`
 * and `{{strftime}}` agree everywhere) and specialised per build with `{ ...context, buildName, buildType }`,
 * per provisioner with `buildData`, and per deferred field with `data`.
 */
export interface InterpolationContext {
  /** Resolved user variables, for `{{user \`name\`}}`. */
  readonly userVariables: Readonly<Record<string, string>>;
  /** The run's start time. */
  readonly now: Date;
  /** Makes a new id for each `{{uuid}}`. */
  readonly uuid: () => string;
  /** The working directory, for `{{pwd}}`. */
  readonly cwd: string;
  /** Returned by `{{packer_version}}` and compared with `min_packer_version`. */
  readonly packerVersion: string;
  /** Path of the template file, for `{{template_dir}}`. */
  readonly templatePath?: string;
  readonly buildName?: string;
  readonly buildType?: string;
  /** The environment, consulted only by `{{env}}` in variable defaults. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Build data for `{{build \`Key\`}}` (ID, Host, SSHPrivateKey, ...): present only while provisioning. */
  readonly buildData?: Readonly<Record<string, string>>;
  /** The `.` of templates rendered late (`{{ .SourceOMI }}`, `{{.Vars}}`); absent at prepare time. */
  readonly data?: Readonly<Record<string, unknown>>;
  /** Extra functions, e.g. a builder's own; they may not replace Packer's. */
  readonly functions?: Readonly<Record<string, TemplateFunction>>;
}

/** Options for `createInterpolationContext`: everything is optional except what only the caller knows. */
export type InterpolationContextOptions = Partial<InterpolationContext>;

/**
 * Makes the context of one run: `now` is fixed at creation unless given, `uuid` makes time-ordered ids,
 * `cwd` defaults to the process's working directory and `packerVersion` to the emulated Packer version.
 */
export function createInterpolationContext(options: InterpolationContextOptions = {}): InterpolationContext {
  return {
    userVariables: {},
    now: new Date(),
    uuid: () => timeOrderedUuid(),
    cwd: process.cwd(),
    packerVersion: emulatedPackerVersion,
    ...options,
  };
}
