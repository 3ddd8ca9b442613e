import type { Artifact } from '../build/artifact';
import type { TargetableUi } from '../ui/ui';
import type { PostProcessorRun, PreparedPostProcessor } from './post-processor-plugin';

/** What post-processing left: the build's artifacts (kept input first), and every failure. */
export interface PostProcessingOutcome {
  artifacts: Artifact[];
  errors: Error[];
  /** Cancelled between post-processors: the rest did not run. */
  cancelled: boolean;
}

/**
 * Runs a build's post-processor sequences on its artifact with Packer's rules: each sequence starts from
 * the builder's artifact and feeds each result to the next; a failure or an empty result ends that
 * sequence only. An input artifact a post-processor does not keep (its default, or the user's
 * `keep_input_artifact`, unless the post-processor forces keeping) is destroyed; the builder's artifact is
 * kept when any sequence's first post-processor keeps it. Unlike Packer, the input of a post-processor
 * that fails or returns nothing is kept and reported (Packer destroys the builder's image when its only
 * post-processor fails), and an artifact is reported once even when a post-processor hands back its input
 * (Packer lists the builder's artifact twice after `manifest`).
 */
export async function runPostProcessors(
  builderArtifact: Artifact,
  sequences: readonly (readonly PreparedPostProcessor[])[],
  buildUi: TargetableUi,
  run: Omit<PostProcessorRun, 'ui'>,
): Promise<PostProcessingOutcome> {
  const outcome: PostProcessingOutcome = { artifacts: [], errors: [], cancelled: false };
  let keepOriginal = sequences.length === 0;
  for (const sequence of sequences) {
    let prior = builderArtifact;
    let advanced = false;
    for (const [index, pp] of sequence.entries()) {
      if (run.signal.aborted) {
        outcome.cancelled = true;
        break;
      }
      buildUi.say(
        pp.name === pp.type
          ? `Running post-processor: ${pp.type}`
          : `Running post-processor: ${pp.name} (type ${pp.type})`,
      );
      let result: Awaited<ReturnType<PreparedPostProcessor['postProcess']>>;
      try {
        result = await pp.postProcess({ ...run, ui: buildUi.withTarget(`${run.buildName} (${pp.type})`) }, prior);
      } catch (error) {
        outcome.errors.push(new Error(`Post-processor failed: ${messageOf(error)}`, { cause: error }));
        keepOriginal ||= index === 0;
        break;
      }
      if (!result.artifact) {
        keepOriginal ||= index === 0;
        break;
      }
      const keep = keepsInput(pp, result);
      if (index === 0) keepOriginal ||= keep;
      else if (keep) outcome.artifacts.push(prior);
      else await destroy(prior, `Deleting prior artifact from post-processor '${pp.type}'`, buildUi, run, outcome);
      prior = result.artifact;
      advanced = true;
    }
    if (advanced) outcome.artifacts.push(prior);
    if (outcome.cancelled) break;
  }
  // A post-processor may return its input (manifest, shell-local): report each artifact once, never destroy a result.
  const produced = outcome.artifacts.includes(builderArtifact);
  if (keepOriginal) outcome.artifacts.unshift(builderArtifact);
  outcome.artifacts = [...new Set(outcome.artifacts)];
  if (!keepOriginal && !produced) {
    await destroy(builderArtifact, `Deleting original artifact for build '${run.buildName}'`, buildUi, run, outcome);
  }
  return outcome;
}

function keepsInput(pp: PreparedPostProcessor, result: { keep: boolean; forceKeep: boolean }): boolean {
  if (pp.keepInputArtifact === undefined) return result.keep;
  if (result.keep && result.forceKeep && !pp.keepInputArtifact) return true;
  return pp.keepInputArtifact;
}

async function destroy(
  artifact: Artifact,
  message: string,
  ui: TargetableUi,
  run: Omit<PostProcessorRun, 'ui'>,
  outcome: PostProcessingOutcome,
): Promise<void> {
  ui.say(message);
  try {
    await artifact.destroy(run.signal);
  } catch (error) {
    outcome.errors.push(new Error(`Error destroying artifact ${artifact.id}: ${messageOf(error)}`, { cause: error }));
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
