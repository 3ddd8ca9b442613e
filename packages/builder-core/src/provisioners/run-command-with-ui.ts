import { finished } from 'node:stream/promises';
import type { Communicator, ExitStatus } from '../communicator/communicator';
import type { Ui } from '../ui/ui';
import { LineSplitter } from './line-splitter';

/**
 * Runs a command on the remote machine and streams its output through the Ui line by line, as Packer's
 * RunWithUi: standard output as detail (`ui.message`), standard error as errors (`ui.error`). Resolves
 * with how the command ended once every line was printed.
 */
export async function runCommandWithUi(
  communicator: Communicator,
  command: string,
  ui: Ui,
  signal: AbortSignal,
): Promise<ExitStatus> {
  const stdout = new LineSplitter((line) => ui.message(line));
  const stderr = new LineSplitter((line) => ui.error(line));
  try {
    return await communicator.exec({ command, stdout, stderr }, signal);
  } finally {
    // The communicator may have ended them already (pipe does).
    if (!stdout.writableEnded) stdout.end();
    if (!stderr.writableEnded) stderr.end();
    await Promise.all([finished(stdout), finished(stderr)]).catch(() => undefined);
  }
}
