import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { MachineError } from '../runtime/machine-error';
import type { RunningVm, VmExit, VmExitReason, VmLaunch } from '../runtime/vm-runtime';
import type { VmSshServer } from '../ssh/vm-ssh-server';
import type { LocalDataStore } from '../storage/data-store';
import type { HostUserland } from '../storage/host-userland';
import { attachLoopDevice, detachLoopDevice } from './loop-device';
import { planRootMounts } from './mount-plan';
import { setupScript } from './setup-script';
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
  private readonly loops: string[] = [];
  private readonly claimed: VmLaunch['root']['volume'][] = [];
  private readonly stopListeners: (() => void)[] = [];

  private constructor(
    private readonly launch: VmLaunch,
    private readonly context: VmBootContext,
  ) {
    this.exited = new Promise((resolve) => {
      this.settleExit = resolve;
    });
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

  private sshServer(): VmSshServer {
    if (!this.sshd) throw new MachineError('closed', `${this.vmId} is not running`);
    return this.sshd;
  }

  private async bootSteps(): Promise<void> {
    const { store } = this.context;
    const { vmId } = this.launch;
    const { root, disks } = this.resolveVolumes();
    for (const volume of [this.launch.root.volume, ...disks.map((d) => d.volume)]) {
      store.claimVolume(volume, vmId);
      this.claimed.push(volume);
    }
    const overlays = await planRootMounts(root, this.context.userland);
    const sources: { name: string; source: string }[] = [];
    for (const disk of disks) {
      // As root a disk is a real block device; rootless, the image file itself stands at /dev/<name>.
      const source = store.privileged ? await attachLoopDevice(disk.file) : disk.file;
      if (store.privileged) this.loops.push(source);
      sources.push({ name: disk.name, source });
    }
    const mountPoint = join(store.dir, 'mnt');
    const emptyDirectory = join(store.dir, 'empty');
    await mkdir(mountPoint, { recursive: true });
    await mkdir(emptyDirectory, { recursive: true });
    const { hostname } = this.launch;
    const rootless = !store.privileged;
    const { nodeDirectory, hasPerl, dropCapabilities } = this.context;
    const input = { mountPoint, emptyDirectory, overlays, disks: sources, hostname, rootless, nodeDirectory };
    const script = setupScript(input, hasPerl);
    this.init = await VmInit.start({ vmId, script, rootless, dropCapabilities, storeDir: store.dir });
    this.init.onPowerRequest((request) => this.onPowerRequest(request));
    // A VM whose init dies (killed from outside) is gone: stop serving SSH for it and release its disks.
    void this.init.exited.then(() => this.end('crashed'));
    await this.context.firstBoot(this.launch, this.init);
    this.sshd = await this.context.listen(this.launch, this.init);
    if (this.stopping) {
      await this.sshd.close();
      throw new MachineError('vm-start-failed', `${vmId} stopped while it booted`);
    }
    this.booted = true;
    if (this.deferredRequest) void this.end(this.deferredRequest);
  }

  /** The root filesystem and the raw disks of the launch, or why local-cloud cannot boot it. */
  private resolveVolumes() {
    const { store } = this.context;
    const { vmId } = this.launch;
    const root = store.volumeRecord(this.launch.root.volume);
    if (root.kind !== 'tree') {
      throw new MachineError(
        'invalid-launch',
        `${vmId}: root volume ${root.id} is a raw disk image; local-cloud boots VMs from root filesystems (volumes made from its catalog image and the snapshots of their root volumes)`,
      );
    }
    const disks = this.launch.extraDisks.map((disk) => {
      const record = store.volumeRecord(disk.volume);
      const name = /^\/dev\/([a-z][a-z0-9]*)$/.exec(disk.deviceName)?.[1];
      if (!name) throw new MachineError('invalid-launch', `${vmId}: invalid device name ${disk.deviceName}`);
      if (record.kind !== 'raw') {
        throw new MachineError(
          'invalid-launch',
          `${vmId}: ${record.id} holds a root filesystem; local-cloud attaches it only as a root volume, not as ${disk.deviceName}`,
        );
      }
      return { name, file: record.file, volume: disk.volume };
    });
    return { root, disks };
  }

  private async stopSteps(): Promise<void> {
    await this.sshd?.close();
    await this.init?.stop();
    for (const device of this.loops) await detachLoopDevice(device);
    for (const volume of this.claimed) this.context.store.releaseVolume(volume, this.vmId);
    for (const listener of this.stopListeners) listener();
    const reason = this.exitReason ?? 'stopped';
    this.settleExit({ reason, detail: exitDetails[reason] });
  }
}
