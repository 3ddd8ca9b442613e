import { type CommunicatorConfig, connectSsh, type Step, sshOptionsFromConfig } from '@osc-packer/builder-core';
import type { OscBuildState } from './osc-build-state';

/** Where an SSH connection to `host:port` really goes (local-cloud's in-process mode maps `<ip>:22`). */
export type SshEndpointResolver = (
  host: string,
  port: number,
) => { host: string; port: number } | undefined | Promise<{ host: string; port: number } | undefined>;

/** What connecting needs besides the communicator block. */
export interface ConnectOptions {
  /** `~` in key paths. */
  homedir: string;
  /** The caller's SSH_AUTH_SOCK, for `ssh_agent_auth` and agent forwarding. */
  agentSocket?: string | undefined;
  /** Maps the chosen address to where the SSH server listens; default: as chosen. */
  resolveSshEndpoint?: SshEndpointResolver | undefined;
  /** Asks the user (bastion keyboard-interactive). */
  ask?: ((question: string) => Promise<string>) | undefined;
}

/**
 * Connects the communicator (Packer's StepConnect) with builder-core's SSH communicator: waits for SSH up to
 * `ssh_timeout`, authenticates with the temporary key (held in memory), the key file, the agent or the
 * password, through a bastion or proxy when configured. Cleanup closes the connection. Nothing to do with
 * `communicator: none`; WinRM is refused with a clear message.
 */
export function stepConnect(config: CommunicatorConfig, options: ConnectOptions): Step<OscBuildState> {
  return {
    name: 'connect',
    requires: ['sshHost', 'sshPort', 'privateKey'],
    provides: ['communicator'],
    async run({ signal, ui, log }, state) {
      state.communicator = null;
      if (config.communicator === 'none') return;
      if (config.communicator === 'winrm') {
        throw new Error('the WinRM communicator is not supported yet by osc-packer; use communicator "ssh"');
      }
      const host = state.sshHost ?? '';
      const port = state.sshPort ?? config.ssh_port;
      const endpoint = (await options.resolveSshEndpoint?.(host, port)) ?? { host, port };
      const temporaryKey = config.ssh_private_key_file ? undefined : (state.privateKey ?? undefined);
      const sshOptions = sshOptionsFromConfig(config, {
        host: endpoint.host,
        homedir: options.homedir,
        ...(options.agentSocket ? { agentSocket: options.agentSocket } : {}),
        ...(temporaryKey ? { privateKey: temporaryKey } : {}),
        ...(options.ask ? { ask: options.ask } : {}),
        log: (message) => log.info(message),
      });
      ui.say('Waiting for SSH to become available...');
      state.communicator = await connectSsh({ ...sshOptions, port: endpoint.port }, { signal });
      // Provisioners read `Host` and `Port` to reach the machine themselves (shell-local): where SSH really is.
      state.sshHost = endpoint.host;
      state.sshPort = endpoint.port;
      ui.say('Connected to SSH!');
    },
    async cleanup(_context, state) {
      await state.communicator?.close();
    },
  };
}
