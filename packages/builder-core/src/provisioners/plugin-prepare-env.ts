import type { InterpolationContext } from '../interpolation/interpolation-context';

/** What a provisioner's or post-processor's `prepare` receives besides its raw block. */
export interface PluginPrepareEnv {
  readonly buildName: string;
  readonly builderType: string;
  /** The process environment (for defaults and `shell-local`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The working directory relative paths are resolved from (scripts, sources). */
  readonly cwd: string;
  /** The run's interpolation context; without it, strings are taken as written. */
  readonly interpolation?: InterpolationContext;
  /**
   * The build's data for `{{ build \`Key\` }}`, present when a config is decoded again just before it runs;
   * absent at prepare time, when every key is accepted and rendered as a placeholder.
   */
  readonly buildData?: Readonly<Record<string, string>>;
}
