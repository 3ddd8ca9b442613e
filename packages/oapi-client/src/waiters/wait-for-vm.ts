import type { OapiClient } from '../client/oapi-client';
import type { Vm } from '../generated/oapi-types';
import type { VmState } from '../model/vm-state';
import { type PollResult, type WaitOptions, waitFor } from './wait-for';
import { setOptions } from './waiter-options';

/** A VM in one of these states will not reach `running` or `stopped` on its own. */
const vmFailureStates: readonly string[] = ['shutting-down', 'terminated', 'quarantine'] satisfies VmState[];

/** Default deadline of VM waits: booting or stopping takes minutes, not tens of them. */
const vmTimeoutMs = 15 * 60_000;

async function readVm(client: Pick<OapiClient, 'call'>, vmId: string, signal?: AbortSignal): Promise<Vm | undefined> {
  const { Vms = [] } = await client.call('ReadVms', { Filters: { VmIds: [vmId] } }, { signal });
  return Vms.find((vm) => vm.VmId === vmId);
}

/**
 * Waits until a VM is `running` or `stopped` (ReadVms). Fails at once when the VM goes `shutting-down`,
 * `terminated` or `quarantine`, with its StateReason; `stopped` while waiting for `running` counts as
 * pending (a just-started VM is still reported stopped for a moment). Returns the VM as last read.
 */
export function waitForVmState(
  client: Pick<OapiClient, 'call'>,
  vmId: string,
  state: 'running' | 'stopped',
  options: WaitOptions = {},
): Promise<Vm> {
  return waitFor(
    async (signal): Promise<PollResult<Vm>> => {
      const vm = await readVm(client, vmId, signal);
      if (!vm) return { status: 'not-found' };
      const observed = vm.State ?? 'unknown';
      if (observed === state) return { status: 'done', value: vm };
      if (vmFailureStates.includes(observed))
        return { status: 'failed', observed, reason: vm.StateReason || undefined };
      return { status: 'pending', observed };
    },
    { timeoutMs: vmTimeoutMs, ...setOptions(options), description: `vm ${vmId} to be ${state}` },
  );
}

/** Waits until a VM is `terminated` or no longer listed (both mean it is gone). */
export function waitForVmTerminated(
  client: Pick<OapiClient, 'call'>,
  vmId: string,
  options: WaitOptions = {},
): Promise<void> {
  return waitFor(
    async (signal): Promise<PollResult<undefined>> => {
      const vm = await readVm(client, vmId, signal);
      if (!vm || vm.State === 'terminated') return { status: 'done', value: undefined };
      return { status: 'pending', observed: vm.State ?? 'unknown' };
    },
    { timeoutMs: vmTimeoutMs, ...setOptions(options), description: `vm ${vmId} to be terminated` },
  );
}
