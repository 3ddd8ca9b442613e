import { access, constants } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { MachineError } from '../runtime/machine-error';
import type { RunningVm, VmLaunch, VmRuntime } from '../runtime/vm-runtime';
import { sftpFallbackProgram } from '../ssh/sftp-fallback-program';
import type { SftpService } from '../ssh/ssh-session';
import { VmSshServer } from '../ssh/vm-ssh-server';
import type { LocalDataStore } from '../storage/data-store';
import { capabilitiesToDrop } from './capability-drop';
import { firstBoot } from './first-boot';
import { defaultIsolationProbe, type IsolationProbe, type IsolationProbeResult } from './isolation-probe';
import { IsolationUnavailableError } from './isolation-unavailable-error';
import { LocalVm, type VmBootContext } from './local-vm';

export interface VmRuntimeOptions {
  /** The data store whose volumes VMs boot from (see `createDataStore`); closing it closes this runtime. */
  store: LocalDataStore;
  /** Each VM's SSH port: `auto` (default) is 22 when this process may bind it, else a free high port. */
  sshPort?: number | 'auto';
  /** `auto` (default): OpenSSH's sftp-server inside the VM when the host has one; `builtin`: local-cloud's. */
  sftpServer?: 'auto' | 'builtin';
  /** Decides whether VMs can be isolated here; injectable to simulate machines that cannot. */
  probe?: IsolationProbe;
}

// Where Linux distributions put OpenSSH's sftp-server; VMs see the host's /usr, so these work inside.
const sftpServerPaths = [
  '/usr/lib/openssh/sftp-server',
  '/usr/libexec/openssh/sftp-server',
  '/usr/lib/ssh/sftp-server',
  '/usr/libexec/sftp-server',
];

async function executable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/**
 * Runs VMs isolated from the host in namespaces (see the package README), each answering SSH on its own
 * loopback address. `start` refuses, with what is missing, where no isolation is available.
 */
export class LocalVmRuntime implements VmRuntime {
  private readonly vms = new Set<LocalVm>();
  private readonly probe: IsolationProbe;
  private probed: Promise<IsolationProbeResult> | undefined;
  private context: Promise<VmBootContext> | undefined;
  private readonly unregister: () => void;
  private closed = false;

  constructor(private readonly options: VmRuntimeOptions) {
    const { store } = options;
    this.probe = options.probe ?? defaultIsolationProbe({ privileged: store.privileged, workDir: store.dir });
    this.unregister = store.addUser(this);
  }

  get isolation(): 'root' | 'user-namespace' {
    return this.options.store.privileged ? 'root' : 'user-namespace';
  }

  async start(launch: VmLaunch): Promise<RunningVm> {
    this.checkOpen();
    this.probed ??= this.probe();
    const probe = await this.probed;
    if (!probe.ok) throw new IsolationUnavailableError(launch.vmId, probe.missing, probe.howToEnable);
    this.context ??= this.bootContext();
    const vm = await LocalVm.boot(launch, await this.context);
    if (this.closed) {
      await vm.stop();
      throw new MachineError('closed', 'the VM runtime was closed while the VM booted');
    }
    this.vms.add(vm);
    vm.onStop(() => this.vms.delete(vm));
    return vm;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.vms].map((vm) => vm.stop()));
    this.unregister();
  }

  private checkOpen(): void {
    if (this.closed) throw new MachineError('closed', 'the VM runtime is closed');
  }

  private async bootContext(): Promise<VmBootContext> {
    const { store } = this.options;
    const userland = await store.hostUserland();
    const host = (path: string) => join(userland.hostRoot, path);
    const shell = (await executable(host('bin/bash'))) ? '/bin/bash' : '/bin/sh';
    const sftp = await this.sftpService();
    return {
      store,
      userland,
      hasPerl: await executable(host('usr/bin/perl')),
      dropCapabilities: store.privileged ? await capabilitiesToDrop() : [],
      nodeDirectory: sftp.kind === 'builtin' ? dirname(process.execPath) : undefined,
      firstBoot: (launch, init) => firstBoot(init, launch.vmId, launch.authorizedKeys, launch.userData),
      listen: (launch, init) =>
        VmSshServer.listen({
          host: launch.publicIp,
          port: this.options.sshPort ?? 'auto',
          ...(launch.sshPort ? { preferredPort: launch.sshPort } : {}),
          ...(launch.admitSsh ? { admit: (client) => launch.admitSsh?.(client) ?? true } : {}),
          authorizedKeys: launch.authorizedKeys,
          session: { spawn: (spec) => init.spawn(spec), shell, sftp },
        }),
    };
  }

  private async sftpService(): Promise<SftpService> {
    if (this.options.sftpServer !== 'builtin') {
      for (const path of sftpServerPaths) if (await executable(path)) return { kind: 'openssh', path };
    }
    const node = `/run/local-cloud/node/${basename(process.execPath)}`;
    return { kind: 'builtin', argv: [node, '-e', sftpFallbackProgram()] };
  }
}

/** A VM runtime over `options.store`; VMs are isolated as described in the package README. */
export function createVmRuntime(options: VmRuntimeOptions): LocalVmRuntime {
  return new LocalVmRuntime(options);
}
