import { describe, expect, it } from 'vitest';
import type { Artifact } from '../build/artifact';
import { RecordingUi } from '../test/recording-ui';
import { TestArtifact } from '../test/test-artifact';
import { noopLogger } from '../ui/logger';
import type { PostProcessResult, PreparedPostProcessor } from './post-processor-plugin';
import { runPostProcessors } from './run-post-processors';

const run = {
  log: noopLogger,
  signal: new AbortController().signal,
  buildName: 'bsu',
  builderType: 'osc-bsu',
  runUuid: 'uuid',
  env: {},
  cwd: '.',
  now: () => new Date(0),
};

/** A post-processor that wraps its input in a new artifact `<id>+<type>`, or hands the input back. */
function pp(
  type: string,
  options: {
    keep?: boolean;
    forceKeep?: boolean;
    userKeep?: boolean;
    passThrough?: boolean;
    fail?: string;
    name?: string;
  } = {},
): PreparedPostProcessor & { inputs: string[] } {
  const inputs: string[] = [];
  return {
    type,
    name: options.name ?? type,
    keepInputArtifact: options.userKeep,
    inputs,
    async postProcess(ppRun, artifact): Promise<PostProcessResult> {
      inputs.push(artifact.id);
      ppRun.ui.say(`processing ${artifact.id}`);
      if (options.fail) throw new Error(options.fail);
      const output: Artifact = options.passThrough ? artifact : new TestArtifact({ id: `${artifact.id}+${type}` });
      return { artifact: output, keep: options.keep ?? false, forceKeep: options.forceKeep ?? false };
    },
  };
}

const ids = (artifacts: readonly Artifact[]) => artifacts.map((a) => a.id);

describe('runPostProcessors', () => {
  it('keeps the builder artifact when there are no post-processors', async () => {
    const built = new TestArtifact({ id: 'ami-1' });
    const outcome = await runPostProcessors(built, [], new RecordingUi(), run);
    expect(ids(outcome.artifacts)).toEqual(['ami-1']);
    expect(built.destroyed).toBe(false);
  });

  it('destroys the builder artifact when the only post-processor does not keep it', async () => {
    const built = new TestArtifact({ id: 'ami-1' });
    const ui = new RecordingUi();
    const outcome = await runPostProcessors(built, [[pp('compress')]], ui, run);
    expect(ids(outcome.artifacts)).toEqual(['ami-1+compress']);
    expect(built.destroyed).toBe(true);
    expect(ui.events.map((e) => [e.target, e.text])).toEqual([
      [undefined, 'Running post-processor: compress'],
      ['bsu (compress)', 'processing ami-1'],
      [undefined, "Deleting original artifact for build 'bsu'"],
    ]);
  });

  it('honours keep_input_artifact, unless the post-processor forces keeping', async () => {
    const kept = new TestArtifact({ id: 'ami-1' });
    const outcome = await runPostProcessors(kept, [[pp('compress', { userKeep: true })]], new RecordingUi(), run);
    expect(ids(outcome.artifacts)).toEqual(['ami-1', 'ami-1+compress']);
    expect(kept.destroyed).toBe(false);

    const forced = new TestArtifact({ id: 'ami-2' });
    const manifest = pp('manifest', { keep: true, forceKeep: true, userKeep: false, passThrough: true });
    const manifested = await runPostProcessors(forced, [[manifest]], new RecordingUi(), run);
    expect(ids(manifested.artifacts)).toEqual(['ami-2']);
    expect(forced.destroyed).toBe(false);
  });

  it('chains a sequence, destroying intermediate artifacts nobody keeps', async () => {
    const built = new TestArtifact({ id: 'ami-1' });
    const first = pp('first');
    const second = pp('second', { name: 'upload' });
    const ui = new RecordingUi();
    const outcome = await runPostProcessors(built, [[first, second]], ui, run);
    expect(first.inputs).toEqual(['ami-1']);
    expect(second.inputs).toEqual(['ami-1+first']);
    expect(ids(outcome.artifacts)).toEqual(['ami-1+first+second']);
    expect(ui.texts('say')).toContain('Running post-processor: upload (type second)');
    expect(ui.texts('say')).toContain("Deleting prior artifact from post-processor 'second'");
  });

  it('runs each sequence from the builder artifact, kept when any first post-processor keeps it', async () => {
    const built = new TestArtifact({ id: 'ami-1' });
    const outcome = await runPostProcessors(
      built,
      [[pp('a')], [pp('b', { keep: true }), pp('c', { keep: true })]],
      new RecordingUi(),
      run,
    );
    expect(ids(outcome.artifacts)).toEqual(['ami-1', 'ami-1+a', 'ami-1+b', 'ami-1+b+c']);
    expect(built.destroyed).toBe(false);
  });

  it('stops a sequence at a failure, reports it, and goes on with the next sequence', async () => {
    const built = new TestArtifact({ id: 'ami-1' });
    const after = pp('never');
    const outcome = await runPostProcessors(
      built,
      [[pp('a', { keep: true }), pp('broken', { fail: 'upload refused' }), after], [pp('other', { keep: true })]],
      new RecordingUi(),
      run,
    );
    expect(after.inputs).toEqual([]);
    expect(outcome.errors.map((e) => e.message)).toEqual(['Post-processor failed: upload refused']);
    expect(ids(outcome.artifacts)).toEqual(['ami-1', 'ami-1+a', 'ami-1+other']);
  });

  it('reports a failure to destroy an artifact', async () => {
    const built = new TestArtifact({ id: 'ami-1', destroyError: new Error('DeleteImage refused') });
    const outcome = await runPostProcessors(built, [[pp('a')]], new RecordingUi(), run);
    expect(outcome.errors.map((e) => e.message)).toEqual(['Error destroying artifact ami-1: DeleteImage refused']);
  });
});

describe('runPostProcessors when a post-processor fails', () => {
  it('keeps the artifact the failing post-processor was given', async () => {
    const built = new TestArtifact({ id: 'ami-1' });
    const outcome = await runPostProcessors(built, [[pp('broken', { fail: 'disk full' })]], new RecordingUi(), run);
    expect(built.destroyed).toBe(false);
    expect(ids(outcome.artifacts)).toEqual(['ami-1']);
  });
});
