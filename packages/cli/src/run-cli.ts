import yargs from 'yargs';
import type { CliIo } from './cli-io';
import { cliVersion } from './cli-version';
import type { CommandContext } from './command-context';
import { buildCommand } from './commands/build-command';
import { cleanupCommand } from './commands/cleanup-command';
import { inspectCommand } from './commands/inspect-command';
import { localCloudCommand } from './commands/local-cloud-command';
import { validateCommand } from './commands/validate-command';
import { versionCommand } from './commands/version-command';
import { UsageError } from './usage-error';

const processIo: CliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  // A getter: process.stdin is only created when a question is really asked.
  get stdin() {
    return process.stdin;
  },
  signals: process,
  exit: (code) => process.exit(code),
};

/** Runs osc-packer with the given arguments and returns its exit code (0 success, 1 error). */
export async function runCli(args: readonly string[], io: CliIo = processIo): Promise<number> {
  let exitCode = 0;
  const context: CommandContext = { io, exitCode: 0, now: () => new Date() };
  const parser = yargs()
    .scriptName('osc-packer')
    .usage('Usage: $0 <command> [options]')
    // Packer's flags are single-dash words (-var, -only, -on-error); keep them whole.
    .parserConfiguration({ 'short-option-groups': false })
    .command(buildCommand(context))
    .command(validateCommand(context))
    .command(inspectCommand(context))
    .command(localCloudCommand(io))
    .command(cleanupCommand(context))
    .command(versionCommand(io))
    .demandCommand(1, 'Name a command (see --help).')
    .strict()
    .version(cliVersion)
    .help()
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false)
    // Stop at the first problem: without this, yargs reports it and still runs the command's handler.
    .fail((message, error) => {
      throw error ?? new UsageError(message);
    });
  let output = '';
  try {
    await parser.parseAsync([...args], {}, (_error, _argv, text) => {
      output = text;
    });
  } catch (error) {
    exitCode = 1;
    io.stderr.write(failureText(error));
  }
  if (output) io.stdout.write(`${output}\n`);
  return exitCode || context.exitCode;
}

function failureText(error: unknown): string {
  if (UsageError.isInstance(error)) return `Error: ${error.message}\n\nRun 'osc-packer --help' for usage.\n`;
  return `Error: ${error instanceof Error ? error.message : String(error)}\n`;
}
