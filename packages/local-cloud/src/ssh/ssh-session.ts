import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import type { PseudoTtyInfo, ServerChannel, Session } from 'ssh2';
import { cloudUser } from '../storage/vm-accounts';
import { shQuote } from '../vm/setup-script';
import { signalVmProcess } from '../vm/signal-vm-process';
import type { VmProcessSpec } from '../vm/vm-process';
import { connectProcessToChannel } from './process-channel';
import { isValidEnvName, sessionEnvironment } from './session-env';

/** How a VM serves the `sftp` subsystem: OpenSSH's sftp-server inside the VM, or local-cloud's own. */
export type SftpService =
  | { readonly kind: 'openssh'; readonly path: string }
  | { readonly kind: 'builtin'; readonly argv: readonly string[] };

/** What a session needs of its VM and connection. */
export interface SessionContext {
  spawn(spec: VmProcessSpec): ChildProcessWithoutNullStreams;
  /** The cloud user's login shell inside the VM. */
  shell: string;
  sftp: SftpService;
  client: { address: string; port: number };
  server: { address: string; port: number };
}

const signalNames = new Set([
  'ABRT',
  'ALRM',
  'FPE',
  'HUP',
  'ILL',
  'INT',
  'KILL',
  'PIPE',
  'QUIT',
  'SEGV',
  'TERM',
  'USR1',
  'USR2',
]);

/**
 * Serves one SSH session channel like sshd on a Debian VM: `env` and `pty` requests, then `exec`, `shell`
 * or the `sftp` subsystem, run as `outscale` inside the VM; `signal` requests reach the running command.
 * Agent and X11 forwarding are refused, as on Outscale's images.
 */
export function serveSession(session: Session, context: SessionContext): void {
  const requested: Record<string, string> = {};
  let pty: PseudoTtyInfo | undefined;
  let child: ChildProcessWithoutNullStreams | undefined;

  session.on('env', (accept, reject, info) => {
    if (!isValidEnvName(info.key)) return reject?.();
    requested[info.key] = info.val;
    accept?.();
  });
  session.on('pty', (accept, _reject, info) => {
    pty = info;
    accept?.();
  });
  session.on('window-change', (accept) => accept?.());
  session.on('signal', (accept, reject, info) => {
    const name = info.name.replace(/^SIG/, '');
    if (!signalNames.has(name) || !child) return reject?.();
    signalVmProcess(child.pid, `SIG${name}` as NodeJS.Signals);
    accept?.();
  });
  session.on('auth-agent', (_accept, reject) => reject?.());
  session.on('x11', (_accept, reject) => reject?.());

  const start = (channel: ServerChannel | undefined, argv: readonly string[]) => {
    if (!channel) return;
    const env = sessionEnvironment({ ...context, requested, term: pty?.term });
    child = context.spawn({ user: 'cloud-user', argv, env, cwd: cloudUser.home });
    connectProcessToChannel(channel, child);
  };
  session.on('exec', (accept, _reject, info) => {
    start(accept(), commandArgv(context.shell, info.command, pty));
  });
  session.on('shell', (accept) => {
    start(accept(), commandArgv(context.shell, undefined, pty));
  });
  session.on('subsystem', (accept, reject, info) => {
    if (info.name !== 'sftp') return reject();
    const argv = context.sftp.kind === 'openssh' ? [context.sftp.path] : context.sftp.argv;
    start(accept(), argv);
  });
}

/**
 * How sshd runs a command: `shell -c command`, or a login shell without one. With a pty, util-linux's
 * `script` allocates it inside the VM (its devpts), sized as the client asked; output then comes on stdout
 * only, as through any terminal.
 */
export function commandArgv(shell: string, command: string | undefined, pty: PseudoTtyInfo | undefined): string[] {
  const run = command === undefined ? `exec ${shell} -l` : `exec ${shell} -c ${shQuote(command)}`;
  if (!pty) return command === undefined ? [shell, '-l'] : [shell, '-c', command];
  const size = pty.rows > 0 && pty.cols > 0 ? `stty rows ${pty.rows} cols ${pty.cols} 2>/dev/null; ` : '';
  return [
    'script',
    '--quiet',
    '--return',
    '--flush',
    '--command',
    `${size}SSH_TTY=$(tty) && export SSH_TTY; ${run}`,
    '/dev/null',
  ];
}
