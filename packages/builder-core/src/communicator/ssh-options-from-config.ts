import { join } from 'node:path';
import type { ConfigIssue } from '../config/config-issue';
import type { CommunicatorConfig } from './communicator-config';
import { parseTunnel } from './parse-tunnel';
import type { SshCommunicatorOptions, SshEndpoint, SshPrivateKeySource, SshTunnel } from './ssh-communicator-options';
import { SshError } from './ssh-error';
import { loadPrivateKey } from './ssh-private-key';

/** What the communicator needs besides the config block; nothing is read from the process here. */
export interface SshRuntime {
  /** Where to connect (the builder's address logic); `ssh_host` when not given. */
  host?: string;
  /** The home directory `~` expands to in key and certificate paths. */
  homedir: string;
  /** The caller's SSH_AUTH_SOCK, for `ssh_agent_auth` and agent forwarding. */
  agentSocket?: string;
  /** The temporary key pair's private key, held in memory. */
  privateKey?: string;
  /** Asks the user a question (the Ui's `ask`), for `ssh_bastion_interactive`. */
  ask?: (question: string) => Promise<string>;
  tempDir?: string;
  log?: (message: string) => void;
}

/**
 * Maps a decoded communicator block to `connectSsh` options: keys in Packer's order (the key file, the
 * temporary key, `ssh_private_key`), the bastion inheriting `ssh_private_key_file` as Packer does, tunnels
 * parsed. Throws an SshError (`config`) when the block is not for SSH or no address is known.
 */
export function sshOptionsFromConfig(config: CommunicatorConfig, runtime: SshRuntime): SshCommunicatorOptions {
  if (config.communicator !== 'ssh') {
    throw new SshError(`the communicator is "${config.communicator}", not "ssh"`, { reason: 'config' });
  }
  const host = runtime.host ?? config.ssh_host;
  if (!host) throw new SshError('no address to connect to (ssh_host is not set)', { reason: 'config' });
  const expand = (path: string) => expandHome(path, runtime.homedir);
  const privateKeys: SshPrivateKeySource[] = [];
  if (config.ssh_private_key_file) {
    privateKeys.push({
      file: expand(config.ssh_private_key_file),
      ...(config.ssh_certificate_file ? { certificateFile: expand(config.ssh_certificate_file) } : {}),
    });
  }
  if (runtime.privateKey) privateKeys.push({ key: runtime.privateKey });
  if (config.ssh_private_key) privateKeys.push({ key: config.ssh_private_key });
  const tunnels = [
    ...(config.ssh_local_tunnels ?? []).map((spec) => parseTunnel(spec, 'local')),
    ...(config.ssh_remote_tunnels ?? []).map((spec) => parseTunnel(spec, 'remote')),
  ].filter((tunnel): tunnel is SshTunnel => typeof tunnel !== 'string');
  return {
    host,
    port: config.ssh_port,
    username: config.ssh_username ?? '',
    ...(config.ssh_password ? { password: config.ssh_password } : {}),
    privateKeys,
    agentAuth: config.ssh_agent_auth,
    ...(runtime.agentSocket ? { agentSocket: runtime.agentSocket } : {}),
    disableAgentForwarding: config.ssh_disable_agent_forwarding,
    ...(config.ssh_bastion_host ? { bastion: bastionEndpoint(config, runtime, expand) } : {}),
    ...(config.ssh_proxy_host && !config.ssh_bastion_host
      ? {
          proxy: {
            host: config.ssh_proxy_host,
            port: config.ssh_proxy_port,
            ...(config.ssh_proxy_username ? { username: config.ssh_proxy_username } : {}),
            ...(config.ssh_proxy_password ? { password: config.ssh_proxy_password } : {}),
          },
        }
      : {}),
    timeoutMs: config.ssh_timeout,
    handshakeAttempts: config.ssh_handshake_attempts,
    pauseBeforeConnectingMs: config.pause_before_connecting,
    keepAliveIntervalMs: config.ssh_keep_alive_interval,
    readWriteTimeoutMs: config.ssh_read_write_timeout,
    ...(config.ssh_ciphers?.length ? { ciphers: config.ssh_ciphers } : {}),
    ...(config.ssh_key_exchange_algorithms?.length
      ? { keyExchangeAlgorithms: config.ssh_key_exchange_algorithms }
      : {}),
    pty: config.ssh_pty,
    fileTransferMethod: config.ssh_file_transfer_method,
    tunnels,
    ...(runtime.tempDir ? { tempDir: runtime.tempDir } : {}),
    ...(runtime.log ? { log: runtime.log } : {}),
  };
}

function bastionEndpoint(
  config: CommunicatorConfig,
  runtime: SshRuntime,
  expand: (path: string) => string,
): SshEndpoint {
  const keyFile = config.ssh_bastion_private_key_file ?? config.ssh_private_key_file;
  const certificate = config.ssh_bastion_private_key_file
    ? config.ssh_bastion_certificate_file
    : config.ssh_certificate_file;
  const ask = runtime.ask;
  return {
    host: config.ssh_bastion_host ?? '',
    port: config.ssh_bastion_port,
    username: config.ssh_bastion_username ?? '',
    ...(config.ssh_bastion_password ? { password: config.ssh_bastion_password } : {}),
    privateKeys: keyFile
      ? [{ file: expand(keyFile), ...(certificate ? { certificateFile: expand(certificate) } : {}) }]
      : [],
    agentAuth: config.ssh_bastion_agent_auth,
    ...(config.ssh_bastion_interactive && ask !== undefined
      ? {
          keyboardInteractive: async (prompts, context) => {
            const answers: string[] = [];
            const intro = [context.name, context.instructions].filter(Boolean).join(': ');
            for (const [i, prompt] of prompts.entries()) {
              answers.push(await ask(i === 0 && intro ? `${intro}\n${prompt.prompt}` : prompt.prompt));
            }
            return answers;
          },
        }
      : {}),
  };
}

/**
 * Reads and parses the key and certificate files of a communicator block, as Packer does at prepare time,
 * so a wrong path fails before any resource exists. Returns one issue per unusable file.
 */
export async function checkSshFiles(config: CommunicatorConfig, homedir: string): Promise<ConfigIssue[]> {
  if (config.communicator !== 'ssh') return [];
  const issues: ConfigIssue[] = [];
  const pairs = [
    ['ssh_private_key_file', config.ssh_private_key_file, config.ssh_certificate_file],
    ['ssh_bastion_private_key_file', config.ssh_bastion_private_key_file, config.ssh_bastion_certificate_file],
  ] as const;
  for (const [key, file, certificate] of pairs) {
    if (!file) continue;
    try {
      await loadPrivateKey({
        file: expandHome(file, homedir),
        ...(certificate ? { certificateFile: expandHome(certificate, homedir) } : {}),
      });
    } catch (error) {
      issues.push({ path: key, message: `is invalid: ${(error as Error).message}` });
    }
  }
  return issues;
}

/** Expands a leading `~` (Packer's pathing.ExpandUser); other paths are returned as given. */
function expandHome(path: string, homedir: string): string {
  if (path === '~') return homedir;
  if (path.startsWith('~/')) return join(homedir, path.slice(2));
  return path;
}
