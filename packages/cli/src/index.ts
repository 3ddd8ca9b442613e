/** Runs the osc-packer command line with explicit arguments and I/O; returns the exit code. */

/** The streams and environment the CLI uses. */
export type { CliIo } from './cli-io';
/** The osc-packer version. */
export { cliVersion } from './cli-version';
export { runCli } from './run-cli';
