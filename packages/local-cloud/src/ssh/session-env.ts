import { cloudUser } from '../storage/vm-accounts';

/** What the environment of an SSH session's process depends on. */
export interface SessionEnvInput {
  shell: string;
  client: { address: string; port: number };
  server: { address: string; port: number };
  /** Variables the client sent with `env` requests. */
  requested: Readonly<Record<string, string>>;
  /** The terminal type, when the client asked for a pty. */
  term?: string;
}

// What sshd forbids a client to set: they decide which programs and libraries run, and who the user is.
const protectedNames = new Set(['PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'MAIL', 'LD_PRELOAD', 'LD_LIBRARY_PATH']);

/** True for a variable name a client may send (a shell identifier). */
export function isValidEnvName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}

/**
 * The environment sshd gives `outscale`'s session on a Debian VM (USER, HOME, the default PATH, SSH_CLIENT,
 * SSH_CONNECTION, TERM with a pty), plus what the client sent with `env` requests, except names that decide
 * identity or which code runs.
 */
export function sessionEnvironment(input: SessionEnvInput): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.requested)) {
    if (isValidEnvName(name) && !protectedNames.has(name) && !name.startsWith('SSH_')) env[name] = value;
  }
  Object.assign(env, {
    USER: cloudUser.name,
    LOGNAME: cloudUser.name,
    HOME: cloudUser.home,
    SHELL: input.shell,
    MAIL: `/var/mail/${cloudUser.name}`,
    PATH: '/usr/local/bin:/usr/bin:/bin:/usr/games',
    SSH_CLIENT: `${input.client.address} ${input.client.port} ${input.server.port}`,
    SSH_CONNECTION: `${input.client.address} ${input.client.port} ${input.server.address} ${input.server.port}`,
  });
  if (input.term !== undefined) env.TERM = input.term;
  return env;
}
