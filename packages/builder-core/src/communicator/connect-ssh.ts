import { sleep } from './sleep';
import { SshCommunicator } from './ssh-communicator';
import type { SshCommunicatorOptions, SshPrivateKeySource } from './ssh-communicator-options';
import type { LoadedKeys } from './ssh-connection';
import { SshError } from './ssh-error';
import { type LoadedPrivateKey, loadPrivateKey } from './ssh-private-key';
import { startTunnels } from './ssh-tunnels';
import { waitForSsh } from './wait-for-ssh';

/**
 * Connects to the machine (Packer's "Waiting for SSH to become available..."): retries until `timeoutMs`,
 * gives up after `handshakeAttempts` authentication failures, and with `pauseBeforeConnectingMs`
 * disconnects after the first success, waits, and connects again. Resolves with a ready communicator.
 * Rejects with an SshError (`config` for unusable options or keys, `timeout`, `authentication`) or with the
 * signal's reason.
 */
export async function connectSsh(
  options: SshCommunicatorOptions,
  { signal }: { signal?: AbortSignal } = {},
): Promise<SshCommunicator> {
  checkOptions(options);
  const keys: LoadedKeys = {
    target: await loadAll(options.privateKeys),
    bastion: await loadAll(options.bastion?.privateKeys),
  };
  let connection = await waitForSsh(options, keys, signal);
  const pause = options.pauseBeforeConnectingMs ?? 0;
  if (pause > 0) {
    options.log?.(`pausing ${pause} ms before connecting (pause_before_connecting)`);
    connection.close();
    await sleep(pause, signal);
    connection = await waitForSsh(options, keys, signal);
  }
  try {
    await startTunnels(connection, options.tunnels ?? [], options.log);
  } catch (error) {
    connection.close();
    throw error;
  }
  return new SshCommunicator(options, keys, connection);
}

function checkOptions(options: SshCommunicatorOptions): void {
  const problems: string[] = [];
  if (options.username === '') problems.push('a username is needed');
  for (const [who, endpoint] of [
    ['', options],
    ['bastion ', options.bastion],
  ] as const) {
    if (endpoint?.agentAuth === true && options.agentSocket === undefined) {
      problems.push(`${who}agent authentication needs the agent's socket (SSH_AUTH_SOCK is not set)`);
    }
  }
  if (options.bastion !== undefined && options.proxy !== undefined) {
    problems.push('use either a bastion host or a SOCKS proxy, not both');
  }
  if (problems.length > 0) throw new SshError(`invalid SSH settings: ${problems.join('; ')}`, { reason: 'config' });
}

async function loadAll(sources: readonly SshPrivateKeySource[] | undefined): Promise<LoadedPrivateKey[]> {
  const keys: LoadedPrivateKey[] = [];
  for (const source of sources ?? []) keys.push(await loadPrivateKey(source));
  return keys;
}
