import type { Communicator, ExitStatus } from '../../communicator/communicator';
import type { ProvisionerRun } from '../provisioner-plugin';
import { retryUntil } from '../retry-until';
import { runCommandWithUi } from '../run-command-with-ui';

interface RetryConfig {
  start_retry_timeout: number;
}

function retryOptions(run: ProvisionerRun, config: RetryConfig, what: string) {
  return {
    timeoutMs: config.start_retry_timeout,
    signal: run.signal,
    onRetry: (error: unknown) =>
      run.log.info(`${what} failed, retrying: ${error instanceof Error ? error.message : String(error)}`),
  };
}

/** Uploads a file and sets its mode, retrying until `start_retry_timeout` (the machine may be rebooting). */
export async function uploadWithRetry(
  run: ProvisionerRun,
  config: RetryConfig,
  communicator: Communicator,
  remotePath: string,
  content: Uint8Array,
  mode: number,
): Promise<void> {
  await retryUntil(
    async () => {
      await communicator.upload(remotePath, content, { mode, size: content.length, signal: run.signal });
      await communicator.exec({ command: `chmod ${mode.toString(8).padStart(4, '0')} ${remotePath}` }, run.signal);
    },
    retryOptions(run, config, `uploading ${remotePath}`),
  );
}

/**
 * Uploads a script and starts it as one retried unit (so a reboot between upload and start cannot leave a
 * command without its script), streaming its output through the Ui; resolves with how it ended.
 */
export function uploadAndRun(
  run: ProvisionerRun,
  config: RetryConfig,
  communicator: Communicator,
  script: { remotePath: string; content: Uint8Array; command: string },
): Promise<ExitStatus> {
  return retryUntil(
    async () => {
      await communicator.upload(script.remotePath, script.content, {
        mode: 0o755,
        size: script.content.length,
        signal: run.signal,
      });
      // Packer's separate `chmod 0755` (for an existing file the upload did not re-mode), in the same round trip.
      const command = `chmod 0755 ${script.remotePath}; ${script.command}`;
      return runCommandWithUi(communicator, command, run.ui, run.signal);
    },
    retryOptions(run, config, `starting ${script.remotePath}`),
  );
}

/** Removes an uploaded file, retrying through a disconnect (the script may have rebooted the machine). */
export async function removeRemoteFile(
  run: ProvisionerRun,
  config: RetryConfig,
  communicator: Communicator,
  remotePath: string,
): Promise<void> {
  await retryUntil(
    async () => {
      const status = await communicator.exec({ command: `rm -f ${remotePath}` }, run.signal);
      if (status.kind === 'disconnected') throw new Error('Disconnect while removing temporary script.');
      if (status.kind !== 'exited' || status.code !== 0) {
        throw new Error(`Error removing temporary script at ${remotePath}!`);
      }
    },
    retryOptions(run, config, `removing ${remotePath}`),
  );
}
