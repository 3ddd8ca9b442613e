import type { Artifact } from '../build/artifact';
import type { PrepareResult } from '../build/builder';
import type { InterpolationContext } from '../interpolation/interpolation-context';
import type { PluginPrepareEnv } from '../provisioners/plugin-prepare-env';
import type { Logger } from '../ui/logger';
import type { Ui } from '../ui/ui';

/** What a post-processor's run receives. */
export interface PostProcessorRun {
  /** Targeted at `build-name (type)`. */
  readonly ui: Ui;
  readonly log: Logger;
  readonly signal: AbortSignal;
  readonly buildName: string;
  readonly builderType: string;
  /** This run's UUID (`PACKER_RUN_UUID`). */
  readonly runUuid: string;
  /** The process environment (for `shell-local`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The working directory relative paths are resolved from. */
  readonly cwd: string;
  readonly now: () => Date;
  /** The run's interpolation context, for fields rendered at run time. */
  readonly interpolation?: InterpolationContext;
}

/**
 * What a post-processor returns (Packer's PostProcess results): the new artifact (undefined stops the
 * chain), whether it wants its input kept by default, and whether that wish overrides the user's
 * `keep_input_artifact: false`.
 */
export interface PostProcessResult {
  readonly artifact: Artifact | undefined;
  readonly keep: boolean;
  readonly forceKeep: boolean;
}

/** A post-processor type (`manifest`, `shell-local`): pure prepare, then post-process an artifact. */
export interface PostProcessorPlugin<C = unknown> {
  readonly type: string;
  prepare(raw: Readonly<Record<string, unknown>>, env: PluginPrepareEnv): PrepareResult<C>;
  postProcess(run: PostProcessorRun, config: Readonly<C>, artifact: Artifact): Promise<PostProcessResult>;
}

/** One post-processor of a build, configured and ready to run. */
export interface PreparedPostProcessor {
  readonly type: string;
  /** The template's `name`, or the type. */
  readonly name: string;
  /** The user's `keep_input_artifact`, when set. */
  readonly keepInputArtifact: boolean | undefined;
  postProcess(run: PostProcessorRun, artifact: Artifact): Promise<PostProcessResult>;
}
