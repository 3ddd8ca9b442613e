import type { ConfigIssue } from '../config/config-issue';
import type { Artifact } from './artifact';

/** Result of preparing a builder's configuration: the decoded config, or every problem at once. */
export type PrepareResult<C> =
  | {
      ok: true;
      config: Readonly<C>;
      warnings: readonly string[];
      /** Secret values found in the config (passwords, keys) to scrub from all output. */
      secrets?: readonly string[];
    }
  | { ok: false; issues: readonly ConfigIssue[]; warnings: readonly string[] };

/**
 * A builder (osc-bsu, ...). `prepare` is pure: it decodes, interpolates and validates the raw builder block
 * of a template; `run` does the work and returns the artifact, or undefined when nothing was produced.
 * `PrepareEnv` and `BuildContext` are defined by the engine (they carry the interpolation context, UI,
 * cancellation signal, provisioning hook and policies).
 */
export interface Builder<C, PrepareEnv, BuildContext> {
  /** The template type name, e.g. `osc-bsu`. */
  readonly type: string;
  prepare(raw: Readonly<Record<string, unknown>>, env: PrepareEnv): PrepareResult<C>;
  run(context: BuildContext, config: Readonly<C>): Promise<Artifact | undefined>;
}
