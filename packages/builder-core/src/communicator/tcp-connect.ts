import { connect, type Socket } from 'node:net';
import { SshError } from './ssh-error';

/**
 * Opens a TCP connection, failing with an SshError (`connect`) after `timeoutMs` or when refused, and with
 * the signal's reason on abort.
 */
export function openTcp(
  host: string,
  port: number,
  options: { signal?: AbortSignal; timeoutMs: number },
): Promise<Socket> {
  const address = `${host}:${port}`;
  return new Promise((resolve, reject) => {
    const { signal } = options;
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      finish(new SshError(`TCP connection to ${address} timed out`, { reason: 'connect', address }));
    }, options.timeoutMs);
    const onAbort = () => finish(signal?.reason);
    const finish = (error?: unknown) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.off('connect', onConnect).off('error', onError);
      if (error === undefined) {
        resolve(socket);
        return;
      }
      socket.destroy();
      reject(error);
    };
    const onConnect = () => {
      socket.setNoDelay(true);
      socket.setKeepAlive(true, 10_000);
      finish();
    };
    const onError = (error: NodeJS.ErrnoException) => {
      const why = error.code === 'ECONNREFUSED' ? 'connection refused' : (error.code ?? error.message);
      finish(new SshError(`TCP connection to ${address} failed: ${why}`, { reason: 'connect', address, cause: error }));
    };
    socket.once('connect', onConnect).once('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
