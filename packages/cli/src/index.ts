/** Where SIGINT/SIGTERM come from when embedding the CLI (the process by default). */
export type { InterruptName, InterruptSource } from './build/interrupts';
/** The streams, environment, signals and exit the CLI uses. */
export type { CliIo } from './cli-io';
/** The osc-packer version. */
export { cliVersion } from './cli-version';
/** Runs osc-packer with explicit arguments and I/O; returns the exit code. */
export { runCli } from './run-cli';
