import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { MachineError } from '../runtime/machine-error';
import { defaultPath } from '../runtime/run-command';
import { storeEnvName } from '../storage/store-owner';
import { type VmProcessSpec, vmProcessCommand } from './vm-process';

export interface VmInitOptions {
  vmId: string;
  /** The setup script (see `setupScript`) pid 1 runs before it becomes the init. */
  script: string;
  rootless: boolean;
  /** Capabilities VM processes lose (root only). */
  dropCapabilities: readonly string[];
  /** How long the VM may take to boot. */
  bootTimeoutMs?: number;
  /** The data store's directory, in the init's environment so a later sweep can tell whose VM it is. */
  storeDir?: string;
}

/** What a VM asked of its machine from inside (`reboot`, `poweroff`, `halt` and their aliases). */
export type PowerRequest = 'reboot' | 'poweroff' | 'halt';

/**
 * The first process of a VM: it holds the VM's namespaces for as long as the VM runs. Processes join it
 * with nsenter; stopping it (closing its stdin, or SIGKILL) takes every process of the VM down, and its
 * mounts, which live only in the VM's own mount namespace, disappear with it. If local-cloud dies, the
 * pipe closes and the VM stops too. It runs in a process group of its own, so a Ctrl-C in local-cloud's
 * terminal reaches local-cloud (which stops VMs in order), not the VMs.
 */
export class VmInit {
  /** Settles when the init is gone: stopped, or killed from outside. */
  readonly exited: Promise<void>;
  private readonly powerListeners: ((request: PowerRequest) => void)[] = [];
  private readonly replies = new Map<number, (answer: string) => void>();
  private nextCommand = 1;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    /** The init's pid in the host's PID namespace. */
    readonly pid: number,
    private readonly options: VmInitOptions,
  ) {
    this.exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
    let pending = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = (lines.pop() ?? '').slice(-256);
      for (const line of lines) {
        const request = /^power (reboot|poweroff|halt)$/.exec(line)?.[1] as PowerRequest | undefined;
        if (request) for (const listener of this.powerListeners) listener(request);
        const done = /^done (\d+) (.*)$/.exec(line);
        if (done) this.replies.get(Number(done[1]))?.(done[2] ?? '');
      }
    });
    void this.exited.then(() => {
      for (const reply of this.replies.values()) reply('the VM stopped');
    });
  }

  /**
   * Has the init show a loop device at /dev/<name> in the VM (`attach`), or remove it after lazily
   * unmounting what the VM mounted from it (`detach`). Rejects with the init's error; the perl init only
   * (see `initCommand`).
   */
  async command(line: ['attach', string, number, number] | ['detach', string]): Promise<void> {
    if (this.stopped) throw new MachineError('closed', `${this.options.vmId} is not running`);
    const id = this.nextCommand++;
    const answer = await new Promise<string>((resolve) => {
      this.replies.set(id, resolve);
      this.child.stdin.write(`${line[0]} ${id} ${line.slice(1).join(' ')}\n`);
    });
    this.replies.delete(id);
    if (answer !== 'ok') {
      throw new MachineError('command-failed', `${this.options.vmId}: ${line[0]} ${line[1]} failed: ${answer}`);
    }
  }

  /** Calls `listener` for each power request the VM makes (its init reports them). */
  onPowerRequest(listener: (request: PowerRequest) => void): void {
    this.powerListeners.push(listener);
  }

  /** Boots the VM; rejects with `vm-start-failed` quoting the setup's own error output. */
  static start(options: VmInitOptions): Promise<VmInit> {
    const userns = options.rootless ? ['--user', '--map-root-user'] : [];
    const args = [
      ...userns,
      '--mount',
      '--pid',
      '--uts',
      '--ipc',
      '--fork',
      '--kill-child',
      '--propagation',
      'private',
    ];
    const env = { PATH: defaultPath, ...(options.storeDir ? { [storeEnvName]: options.storeDir } : {}) };
    const child = spawn('unshare', [...args, '--', 'sh', '-c', options.script], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    return new Promise((resolve, reject) => {
      let stdout = '';
      let stderr = '';
      const fail = (why: string) => {
        clearTimeout(timer);
        child.kill('SIGKILL');
        const detail = stderr.trim() ? `: ${stderr.trim()}` : '';
        reject(new MachineError('vm-start-failed', `${options.vmId} did not boot (${why})${detail}`));
      };
      const timer = setTimeout(() => fail('timed out'), options.bootTimeoutMs ?? 20_000);
      child.stderr.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString()).slice(-4000);
      });
      child.on('error', (error) => fail(`unshare: ${error.message}`));
      child.on('exit', (code, signal) => fail(signal ? `setup killed by ${signal}` : `setup exited with ${code}`));
      child.stdout.on('data', function onData(chunk: Buffer) {
        stdout += chunk.toString();
        const ready = /^ready (\d+)$/m.exec(stdout);
        if (!ready) return;
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.removeAllListeners('error');
        child.stdout.off('data', onData);
        child.stderr.removeAllListeners('data');
        child.stderr.resume();
        resolve(new VmInit(child, Number(ready[1]), options));
      });
    });
  }

  /** True once the init (and so every process of the VM) is gone. */
  get stopped(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** Starts a process inside the VM (signal it with `signalVmProcess`). */
  spawn(spec: VmProcessSpec): ChildProcessWithoutNullStreams {
    const command = vmProcessCommand(this.pid, this.options.rootless, spec, this.options.dropCapabilities);
    return spawn(command.file, command.args, { env: { PATH: defaultPath }, stdio: ['pipe', 'pipe', 'pipe'] });
  }

  /** Stops the VM: every process in it dies. Resolves once the init is gone. */
  async stop(graceMs = 5000): Promise<void> {
    if (this.stopped) return;
    this.child.stdin.end();
    const timer = setTimeout(() => {
      try {
        process.kill(this.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      this.child.kill('SIGKILL');
    }, graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
