import { readTemplateOptions, type TemplateOptions } from '../template-options';

/** What `osc-packer cleanup` was asked to do. */
export interface CleanupArguments extends TemplateOptions {
  /** A template whose builds' access settings say where to look (besides the environment and profiles). */
  readonly template: string | undefined;
  readonly dryRun: boolean;
  /** Sweep these build ids by tag too (e.g. from the log of a build run elsewhere). */
  readonly buildIds: readonly string[];
  /** Also examine builds whose process seems alive. */
  readonly includeRunning: boolean;
  readonly machineReadable: boolean;
}

/** Reads the cleanup flags from parsed arguments. */
export function readCleanupArguments(argv: Record<string, unknown>): CleanupArguments {
  const ids = argv['build-id'];
  return {
    ...readTemplateOptions(argv),
    template: typeof argv.template === 'string' ? argv.template : undefined,
    dryRun: argv['dry-run'] === true,
    buildIds: (Array.isArray(ids) ? ids : ids === undefined ? [] : [ids]).map(String),
    includeRunning: argv['include-running'] === true,
    machineReadable: argv['machine-readable'] === true,
  };
}
