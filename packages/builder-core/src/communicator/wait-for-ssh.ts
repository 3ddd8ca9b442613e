import { sleep } from './sleep';
import { defaultHandshakeAttempts, type SshCommunicatorOptions } from './ssh-communicator-options';
import { type LoadedKeys, openSshConnection, type SshConnection } from './ssh-connection';
import { SshError } from './ssh-error';

const defaultRetryDelay = { minMs: 500, maxMs: 5_000 };

/**
 * Tries to connect until it works, `timeoutMs` (ssh_timeout) elapses, or `handshakeAttempts` authentication
 * failures happened (Packer counts only those: a refused or reset connection just means "not up yet").
 * Waits between attempts with a doubling delay. Rejects with an SshError (`timeout`, `authentication`,
 * `config`) carrying the last failure, or with the signal's reason.
 */
export async function waitForSsh(
  options: SshCommunicatorOptions,
  keys: LoadedKeys,
  signal?: AbortSignal,
): Promise<SshConnection> {
  const started = Date.now();
  const deadline = options.timeoutMs > 0 ? started + options.timeoutMs : Number.POSITIVE_INFINITY;
  const maxAuthFailures = options.handshakeAttempts ?? defaultHandshakeAttempts;
  const { minMs, maxMs } = options.retryDelay ?? defaultRetryDelay;
  const address = `${options.host}:${options.port}`;
  let delay = minMs;
  let authFailures = 0;
  let attempts = 0;
  let lastError: SshError | undefined;
  for (;;) {
    signal?.throwIfAborted();
    attempts += 1;
    try {
      const connection = await openSshConnection(options, keys, Math.max(deadline - Date.now(), 1_000), signal);
      options.log?.(`connected to ${address} after ${attempts} attempt(s)`);
      return connection;
    } catch (error) {
      if (!SshError.isInstance(error) || error.reason === 'config') throw error;
      lastError = error;
      options.log?.(`SSH attempt ${attempts} to ${address} failed: ${error.message}`);
      if (error.reason === 'authentication') {
        authFailures += 1;
        if (maxAuthFailures > 0 && authFailures >= maxAuthFailures) {
          throw new SshError(
            `${error.message}; gave up after ${authFailures} authentication failures (ssh_handshake_attempts)`,
            {
              reason: 'authentication',
              address,
              cause: error,
            },
          );
        }
      }
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      const waited = formatDuration(options.timeoutMs);
      throw new SshError(
        `timed out after ${waited} waiting for SSH on ${address} (ssh_timeout); last error: ${lastError?.message}`,
        { reason: 'timeout', address, cause: lastError },
      );
    }
    await sleep(Math.min(delay, left), signal);
    delay = Math.min(delay * 2, maxMs);
  }
}

function formatDuration(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1_000 === 0) return `${ms / 1_000}s`;
  return `${ms}ms`;
}
