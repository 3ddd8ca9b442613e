import { BuildCancelledError } from '../build/build-cancelled-error';
import { formatGoDuration } from '../build/go-duration';
import type { Communicator } from '../communicator/communicator';
import { abortableDelay } from './abortable-delay';
import type { PreparedProvisioner, ProvisionerRun } from './provisioner-plugin';
import { ProvisionerTimeoutError } from './provisioner-timeout-error';

/**
 * Runs one provisioner with its template-level options, as Packer's hook wrappers do: a `-debug` pause,
 * `pause_before`, then attempts each bounded by `timeout`, retried `max_retries` times. Unlike Packer,
 * `pause_before` and `timeout` combine (Packer silently drops the timeout when a pause is set).
 */
export async function runProvisioner(
  provisioner: PreparedProvisioner,
  run: ProvisionerRun,
  communicator: Communicator,
): Promise<void> {
  const { ui, signal } = run;
  if (run.debug) {
    await ui.ask('Pausing before the next provisioner. Press enter to continue.', signal).catch(() => undefined);
  }
  if (provisioner.pauseBeforeMs > 0) {
    ui.say(`Pausing ${formatGoDuration(provisioner.pauseBeforeMs)} before the next provisioner...`);
    await abortableDelay(provisioner.pauseBeforeMs, signal).catch(() => undefined);
  }
  let lastError: unknown;
  for (let attempt = 0; attempt <= provisioner.maxRetries; attempt += 1) {
    if (signal.aborted) throw new BuildCancelledError();
    if (attempt > 0) {
      const left = provisioner.maxRetries - attempt + 1;
      ui.say(`Provisioner failed with ${JSON.stringify(messageOf(lastError))}, retrying with ${left} trie(s) left`);
    }
    try {
      await attemptOnce(provisioner, run, communicator);
      return;
    } catch (error) {
      if (signal.aborted) throw new BuildCancelledError();
      lastError = error;
    }
  }
  if (provisioner.maxRetries > 0) ui.say('retry limit reached.');
  throw lastError;
}

async function attemptOnce(provisioner: PreparedProvisioner, run: ProvisionerRun, communicator: Communicator) {
  if (provisioner.timeoutMs <= 0) return provisioner.provision(run, communicator);
  run.ui.say(`Setting a ${formatGoDuration(provisioner.timeoutMs)} timeout for the next provisioner...`);
  const timeout = new AbortController();
  const timer = setTimeout(() => {
    run.ui.error('Cancelling provisioner after a timeout...');
    timeout.abort(new ProvisionerTimeoutError(provisioner.type, provisioner.timeoutMs));
  }, provisioner.timeoutMs);
  try {
    await provisioner.provision({ ...run, signal: AbortSignal.any([run.signal, timeout.signal]) }, communicator);
  } catch (error) {
    throw timeout.signal.aborted ? timeout.signal.reason : error;
  } finally {
    clearTimeout(timer);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
