import type { OnError } from '../steps/on-error';
import type { AbandonedCleanups } from '../steps/run-outcome';
import type { Logger } from '../ui/logger';
import type { SecretRegistry } from '../ui/secret-registry';
import type { TargetableUi } from '../ui/ui';

/** Options of `runBuilds`: the run's output, flags, cancellation, and injected world. */
export interface RunBuildsOptions {
  /** The process-wide Ui; each build gets `ui.withTarget(name, index)`. */
  ui: TargetableUi;
  /** `-parallel-builds`: at most this many builds at once; 0 or absent means no limit. */
  parallelBuilds?: number;
  /** Cancellation (first Ctrl-C): builds stop and clean up; no new build starts. */
  signal?: AbortSignal;
  /** Forced exit (second Ctrl-C): stop waiting for cleanups, hand what is left to `onAbandoned`. */
  forceSignal?: AbortSignal;
  debug?: boolean;
  force?: boolean;
  onError?: OnError;
  /** This run's UUID (`PACKER_RUN_UUID`); default a random one. */
  runUuid?: string;
  secrets?: SecretRegistry;
  log?: Logger;
  /** The process environment, for provisioners and post-processors that run locally. */
  env?: Readonly<Record<string, string | undefined>>;
  cwd?: string;
  now?: () => Date;
  /** Time allowed to each step cleanup. */
  cleanupTimeoutMs?: number;
  /** Receives what a build left behind (abort policy, forced exit), to persist it (the resource journal). */
  onAbandoned?: (build: string, abandoned: AbandonedCleanups) => void | Promise<void>;
}
