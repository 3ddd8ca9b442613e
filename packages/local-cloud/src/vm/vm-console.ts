import { constants, openSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Socket } from 'node:net';
import { release } from 'node:os';
import { runCommand } from '../runtime/run-command';

// What Outscale keeps of a console (ReadConsoleOutput answers the last 64 KiB).
const keptBytes = 64 * 1024;
const cloudInit = 'Cloud-init v. 22.4.2';

/** A date as cloud-init prints it (RFC 2822). */
export function consoleDate(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}

/**
 * The serial console of one boot of a VM, what ReadConsoleOutput shows: kernel and cloud-init lines
 * written by local-cloud as the boot goes, and whatever the VM writes to /dev/console (a FIFO read
 * here), such as the output of its user-data script.
 */
export class VmConsole {
  private text = '';
  private readonly started: number;
  private readonly socket: Socket;

  private constructor(
    /** The FIFO the VM sees as /dev/console. */
    readonly fifo: string,
    private readonly now: () => Date,
  ) {
    this.started = now().getTime();
    // Read and write: the FIFO never reads as ended while VM processes come and go; non-blocking, so
    // reading it takes no thread of libuv's pool.
    const fd = openSync(fifo, constants.O_RDWR | constants.O_NONBLOCK);
    this.socket = new Socket({ fd, readable: true, writable: false });
    this.socket.on('data', (chunk: Buffer) => this.append(chunk.toString()));
    this.socket.on('error', () => {});
  }

  /** A console whose FIFO is made at `fifo` (removed by `close`). */
  static async open(fifo: string, now: () => Date = () => new Date()): Promise<VmConsole> {
    await runCommand('mkfifo', ['-m', '0600', fifo]);
    return new VmConsole(fifo, now);
  }

  /** What the console showed so far (the last 64 KiB). */
  output(): string {
    return this.text;
  }

  /** The kernel's and cloud-init's first lines, as a Debian cloud image prints them. */
  bootLines(hostname: string): void {
    const kernel = release();
    this.kernel('Linux version', `${kernel} (local-cloud) #1 SMP PREEMPT_DYNAMIC`);
    this.kernel('Command line:', `BOOT_IMAGE=/boot/vmlinuz-${kernel} root=LABEL=root ro console=tty0 console=ttyS0`);
    this.kernel('systemd[1]:', 'systemd 252 running in system mode');
    this.kernel('systemd[1]:', `Hostname set to <${hostname}>.`);
    for (const stage of ['init-local', 'init', 'modules:config', 'modules:final']) this.cloudInit(`running '${stage}'`);
  }

  /** Cloud-init's last line (when the VM's user data does not print it). */
  finishedLine(): void {
    this.line(
      `${cloudInit} finished at ${consoleDate(this.now())}. Datasource DataSourceOutscale.  Up ${this.uptime()} seconds`,
    );
  }

  /** The login prompt getty shows once the VM is up. */
  loginPrompt(hostname: string): void {
    this.append(`\nDebian GNU/Linux 12 ${hostname} ttyS0\n\n${hostname} login: `);
  }

  /** A line from local-cloud itself. */
  line(text: string): void {
    this.append(`${text}\n`);
  }

  /** Stops reading and removes the FIFO; the text stays. */
  async close(): Promise<void> {
    this.socket.destroy();
    await rm(this.fifo, { force: true });
  }

  private kernel(subsystem: string, text: string): void {
    this.line(`[${this.uptime(6).padStart(12)}] ${subsystem} ${text}`);
  }

  private cloudInit(text: string): void {
    this.line(`${cloudInit} ${text} at ${consoleDate(this.now())}. Up ${this.uptime()} seconds.`);
  }

  /** Seconds since the boot began, as the kernel (6 decimals) or cloud-init (2) print them. */
  private uptime(decimals = 2): string {
    return ((this.now().getTime() - this.started) / 1000).toFixed(decimals);
  }

  private append(text: string): void {
    this.text += text;
    if (this.text.length > keptBytes) this.text = this.text.slice(-keptBytes);
  }
}
