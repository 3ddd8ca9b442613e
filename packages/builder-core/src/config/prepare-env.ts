import type { InterpolationContext } from '../interpolation/interpolation-context';

/**
 * What a builder's `prepare` receives: the run's interpolation context (with `buildName` and `buildType` set
 * for this build, for decodeConfig) and the run's policies that change a configuration.
 */
export interface PrepareEnv {
  readonly interpolation: InterpolationContext;
  /** `-force`: replace what a previous build left (Outscale builders set `force_deregister`). */
  readonly force: boolean;
  /** `-debug`: builders may keep extra material (e.g. write the temporary private key). */
  readonly debug: boolean;
}
