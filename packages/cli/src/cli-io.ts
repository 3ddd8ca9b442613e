import type { InterruptSource } from './build/interrupts';

/** Where the CLI writes; injected so tests and embedders can capture output. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Answers to questions (`-on-error=ask`, `-debug` pauses); absent: nothing can be asked. */
  stdin?: NodeJS.ReadableStream;
  /** SIGINT/SIGTERM during a build; absent: a build cannot be interrupted (embedders pass their own). */
  signals?: InterruptSource;
  /** Leaves at once (a third Ctrl-C); absent: the third interrupt is only reported. */
  exit?: (code: number) => void;
}
