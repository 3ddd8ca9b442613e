import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { MachineError } from '../runtime/machine-error';
import type { RunningVm, VmExit, VmExitReason, VmLaunch, VolumeData } from '../runtime/vm-runtime';
import type { VmSshServer } from '../ssh/vm-ssh-server';
import type { LocalDataStore } from '../storage/data-store';
import type { HostUserland } from '../storage/host-userland';
import { isUserDataScript } from './first-boot';
import { planRootMounts } from './mount-plan';
import { setupScript } from './setup-script';
import { VmConsole } from './vm-console';
import { VmDisks } from './vm-disks';
import { type PowerRequest, VmInit } from './vm-init';

/** What a VM needs from its runtime to boot. */
export interface VmBootContext {
  store: LocalDataStore;
  userland: HostUserland;
  hasPerl: boolean;
  dropCapabilities: readonly string[];
  /** A host directory to show at /run/local-cloud/node (the SFTP fallback's Node.js), if needed. */
  nodeDirectory?: string;
  /** Starts the VM's SSH server once its init runs. */
  listen(launch: VmLaunch, init: VmInit): Promise<VmSshServer>;
  /** Runs first-boot tasks (authorized keys, user data) in the VM. */
  firstBoot(launch: VmLaunch, init: VmInit): Promise<void>;
}

const exitDetails: Record<VmExitReason, string> = {
  stopped: 'stopped by local-cloud',
  reboot: 'the VM rebooted itself (reboot, shutdown -r, systemctl reboot or init 6)',
  poweroff: 'the VM powered itself off (poweroff, shutdown -h, systemctl poweroff or init 0)',
  halt: 'the VM halted itself without powering off (halt, shutdown -H or systemctl halt)',
  crashed: "the VM's init died unexpectedly",
};

/**
 * A VM of local-cloud: its init holds its namespaces, its SSH server answers on its address. A power
 * request from inside ends it as `stop()` does (SSH connections drop first, then every process dies), and
 * `exited` says why.
 */
export class LocalVm implements RunningVm {
  readonly exited: Promise<VmExit>;
  private settleExit: (exit: VmExit) => void = () => {};
  private exitReason: VmExitReason | undefined;
  private booted = false;
  private deferredRequest: PowerRequest | undefined;
  private stopping: Promise<void> | undefined;
  private sshd: VmSshServer | undefined;
  private init: VmInit | undefined;
  private readonly disks: VmDisks;
  private console: VmConsole | undefined;
  private readonly stopListeners: (() => void)[] = [];

  private constructor(
    private readonly launch: VmLaunch,
    private readonly context: VmBootContext,
  ) {
    this.exited = new Promise((resolve) => {
      this.settleExit = resolve;
    });
    this.disks = new VmDisks(context.store, launch.vmId);
  }

  get vmId(): string {
    return this.launch.vmId;
  }

  get ssh(): { host: string; port: number } {
    return { host: this.launch.publicIp, port: this.sshServer().port };
  }

  /** Boots a VM; on failure everything already done is undone before it rejects. */
  static async boot(launch: VmLaunch, context: VmBootContext): Promise<LocalVm> {
    const vm = new LocalVm(launch, context);
    try {
      await vm.bootSteps();
      return vm;
    } catch (error) {
      await vm.stop();
      throw error;
    }
  }

  /** Calls `listener` once the VM has stopped. */
  onStop(listener: () => void): void {
    this.stopListeners.push(listener);
  }

  dropSshConnections(): void {
    this.sshd?.dropConnections();
  }

  /** The VM's console since this boot began: boot lines, user-data output, the login prompt. */
  consoleOutput(): string {
    return this.console?.output() ?? '';
  }

  /** Shows a volume linked while the VM runs at `deviceName` inside it (root only: see `VmDisks.attach`). */
  attachVolume(deviceName: string, volume: VolumeData): Promise<void> {
    return this.disks.attach(this.runningInit(), deviceName, volume);
  }

  /** Removes an unlinked volume's device from the running VM (root only). */
  detachVolume(deviceName: string): Promise<void> {
    return this.disks.detach(this.runningInit(), deviceName);
  }

  stop(): Promise<void> {
    return this.end('stopped');
  }

  private end(reason: VmExitReason): Promise<void> {
    this.exitReason ??= reason;
    this.stopping ??= this.stopSteps();
    return this.stopping;
  }

  // A request made while the VM boots (a user-data script ending with `reboot`) waits for the boot to end.
  private onPowerRequest(request: PowerRequest): void {
    if (this.booted) void this.end(request);
    else this.deferredRequest ??= request;
  }

  private runningInit(): VmInit {
    if (!this.init || !this.booted || this.stopping) throw new MachineError('closed', `${this.vmId} is not running`);
    return this.init;
  }

  private sshServer(): VmSshServer {
    if (!this.sshd) throw new MachineError('closed', `${this.vmId} is not running`);
    return this.sshd;
  }

  private async bootSteps(): Promise<void> {
    const { store } = this.context;
    const { vmId } = this.launch;
    const { root, sources, skipped } = await this.disks.prepareBoot(this.launch);
    const overlays = await planRootMounts(root, this.context.userland);
    const mountPoint = join(store.dir, 'mnt');
    const emptyDirectory = join(store.dir, 'empty');
    const consoles = join(store.dir, 'consoles');
    for (const dir of [mountPoint, emptyDirectory, consoles]) await mkdir(dir, { recursive: true });
    const { hostname } = this.launch;
    this.console = await VmConsole.open(join(consoles, `${vmId}-${randomBytes(4).toString('hex')}`));
    this.console.bootLines(hostname);
    for (const why of skipped) this.console.line(`local-cloud: ${why}`);
    const rootless = !store.privileged;
    const { nodeDirectory, hasPerl, dropCapabilities } = this.context;
    const input = {
      ...{ mountPoint, emptyDirectory, overlays, disks: sources, hostname, rootless, nodeDirectory },
      console: this.console.fifo,
    };
    const script = setupScript(input, hasPerl);
    this.init = await VmInit.start({ vmId, script, rootless, dropCapabilities, storeDir: store.dir });
    this.init.onPowerRequest((request) => this.onPowerRequest(request));
    // A VM whose init dies (killed from outside) is gone: stop serving SSH for it and release its disks.
    void this.init.exited.then(() => this.end('crashed'));
    await this.context.firstBoot(this.launch, this.init);
    if (!isUserDataScript(this.launch.userData)) this.console.finishedLine();
    this.sshd = await this.context.listen(this.launch, this.init);
    if (this.stopping) {
      await this.sshd.close();
      throw new MachineError('vm-start-failed', `${vmId} stopped while it booted`);
    }
    this.booted = true;
    this.console.loginPrompt(hostname);
    if (this.deferredRequest) void this.end(this.deferredRequest);
  }

  private async stopSteps(): Promise<void> {
    await this.sshd?.close();
    await this.init?.stop();
    await this.disks.release();
    await this.console?.close();
    for (const listener of this.stopListeners) listener();
    const reason = this.exitReason ?? 'stopped';
    this.settleExit({ reason, detail: exitDetails[reason] });
  }
}
