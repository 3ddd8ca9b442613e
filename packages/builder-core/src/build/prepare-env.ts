import type { InterpolationContext } from '../interpolation/interpolation-context';
import type { OnError } from '../steps/on-error';

/**
 * What `Builder.prepare` receives besides the raw builder block (Packer's `packer_*` config keys): the build's
 * identity and the run's flags. `prepare` is pure: it reads this and returns a config, warnings, or issues.
 */
export interface PrepareEnv {
  /** The build's name: the builder's `name`, or its type. */
  readonly buildName: string;
  /** The builder type as the template spells it (`osc-bsu` or `outscale-bsu`). */
  readonly builderType: string;
  /** `-force`: builders delete artifacts that are in the way (`force_deregister`). */
  readonly force: boolean;
  /** `-debug`. */
  readonly debug: boolean;
  readonly onError: OnError;
  /** Path of the template file, when it came from a file. */
  readonly templatePath: string | undefined;
  /** User variables after `-var`/`-var-file`, for `{{user}}`. */
  readonly userVariables: Readonly<Record<string, string>>;
  /** The process environment, for defaults a builder documents as coming from `env`. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /**
   * The run's interpolation context for this build (user variables, fixed `now`, `buildName`/`buildType` set):
   * pass it to `decodeConfig` so `{{timestamp}}` and friends agree across the run.
   */
  readonly interpolation: InterpolationContext;
}
