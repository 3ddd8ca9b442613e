import { isOnError, type OnError, onErrorPolicies } from '@osc-packer/builder-core';
import { readTemplateOptions, type TemplateOptions } from '../template-options';
import { UsageError } from '../usage-error';

/** What `osc-packer build` was asked to do (Packer's flags plus `--local-cloud`). */
export interface BuildArguments extends TemplateOptions {
  readonly template: string;
  readonly force: boolean;
  readonly debug: boolean;
  readonly onError: OnError;
  /** `-parallel-builds`: 0 means no limit. */
  readonly parallelBuilds: number;
  readonly machineReadable: boolean;
  readonly timestampUi: boolean;
  /** `-color=false` turns colour off; absent leaves the decision to the terminal and `NO_COLOR`. */
  readonly color: boolean | undefined;
  /** Run the build against an embedded local-cloud started for it. */
  readonly localCloud: boolean;
  /** The embedded local-cloud's timing profile. */
  readonly localCloudTiming: string;
}

/** Reads and checks the build flags from parsed arguments; throws UsageError for an unusable value. */
export function readBuildArguments(argv: Record<string, unknown>): BuildArguments {
  const onError = argv['on-error'] === undefined ? 'cleanup' : String(argv['on-error']);
  if (!isOnError(onError)) {
    throw new UsageError(`-on-error must be one of ${onErrorPolicies.join(', ')} (got '${onError}')`);
  }
  const parallel = argv['parallel-builds'];
  const parallelBuilds = parallel === undefined ? 0 : Number(parallel);
  if (String(parallel).trim() === '' || !Number.isInteger(parallelBuilds) || parallelBuilds < 0) {
    throw new UsageError(`-parallel-builds must be a whole number, 0 for no limit (got '${String(parallel)}')`);
  }
  return {
    ...readTemplateOptions(argv),
    template: String(argv.template),
    force: argv.force === true,
    debug: argv.debug === true,
    onError,
    parallelBuilds,
    machineReadable: argv['machine-readable'] === true,
    timestampUi: argv['timestamp-ui'] === true,
    color: typeof argv.color === 'boolean' ? argv.color : undefined,
    localCloud: argv['local-cloud'] === true,
    localCloudTiming: typeof argv['local-cloud-timing'] === 'string' ? argv['local-cloud-timing'] : 'fast',
  };
}
