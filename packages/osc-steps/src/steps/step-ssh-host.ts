import type { Step } from '@osc-packer/builder-core';
import { abortableSleep, type Vm } from '@osc-packer/oapi-client';
import type { OscBuildState } from './osc-build-state';
import type { OscStepEnv } from './osc-step-env';
import { OutscaleBuildError } from './outscale-build-error';
import { addressAdvice, type SshInterface, sshAddress } from './ssh-address';

/** The communicator keys the address depends on. */
export interface SshHostConfig {
  communicator: string;
  ssh_host?: string | undefined;
  ssh_interface?: SshInterface | undefined;
  /** The port to connect to (`ssh_port`, or the WinRM port). */
  port: number;
}

/**
 * Chooses the address the communicator connects to (Packer's SSHHost): up to 3 tries, 1 s apart, reading
 * the VM again between them (addresses may appear late). Fails with which fields were empty and what to
 * set. Nothing to do with `communicator: none`.
 */
export function stepSshHost(
  env: OscStepEnv,
  config: SshHostConfig,
  options: { attempts?: number; delayMs?: number } = {},
): Step<OscBuildState> {
  return {
    name: 'ssh host',
    requires: ['vm'],
    provides: ['sshHost', 'sshPort'],
    async run({ signal, ui }, state) {
      state.sshHost = null;
      state.sshPort = null;
      if (config.communicator === 'none') return;
      let vm = state.vm as Vm;
      const attempts = options.attempts ?? 3;
      for (let attempt = 1; ; attempt++) {
        const address = sshAddress(vm, { sshHost: config.ssh_host, sshInterface: config.ssh_interface });
        if (address.host !== undefined) {
          ui.message(`Using ${address.host} (${address.why}) port ${config.port}`);
          state.sshHost = address.host;
          state.sshPort = config.port;
          return;
        }
        if (attempt >= attempts) {
          throw new OutscaleBuildError(
            'ssh-address',
            `couldn't determine address for vm ${vm.VmId}: ${address.problem}; ${addressAdvice(vm)}`,
          );
        }
        await abortableSleep(options.delayMs ?? 1000, signal);
        const vms = await env.client.readAll('ReadVms', { Filters: { VmIds: [vm.VmId ?? ''] } }, { signal });
        const found = vms.find((candidate) => candidate.VmId === vm.VmId);
        if (!found) throw new OutscaleBuildError('ssh-address', `vm not found: ${vm.VmId}`);
        vm = found;
        state.vm = found;
      }
    },
  };
}
