import type { CliIo } from './cli-io';

/** What a command handler gets from runCli: where to write, and where to leave its exit code. */
export interface CommandContext {
  readonly io: CliIo;
  /** 0 on success, 1 on failure (Packer's exit codes); runCli returns it. */
  exitCode: number;
  /** The run's clock (injected for tests); fixed once per command for `{{timestamp}}`. */
  readonly now: () => Date;
}
