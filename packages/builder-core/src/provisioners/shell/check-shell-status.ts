import type { ExitStatus } from '../../communicator/communicator';
import { disconnectedExitCode, invalidExitCodeMessage } from '../exit-codes';

/**
 * Fails unless a script ended acceptably: an allowed exit code, or a dropped connection when
 * `expect_disconnect` is set (or 2300218 is an allowed code, as in Packer).
 */
export function checkShellStatus(
  status: ExitStatus,
  config: { expect_disconnect: boolean; valid_exit_codes: readonly number[] },
): void {
  if (status.kind === 'disconnected') {
    if (config.expect_disconnect || config.valid_exit_codes.includes(disconnectedExitCode)) return;
    throw new Error(
      'Script disconnected unexpectedly. If you expected your script to disconnect, i.e. from a restart, you ' +
        'can try adding `"expect_disconnect": true` or `"valid_exit_codes": [0, 2300218]` to the shell ' +
        `provisioner parameters. (${status.reason})`,
    );
  }
  if (status.kind === 'signal') throw new Error(`Script was terminated by signal ${status.signal}.`);
  const message = invalidExitCodeMessage(status.code, config.valid_exit_codes);
  if (message) throw new Error(message);
}
