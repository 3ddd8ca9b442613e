import { createRequire } from 'node:module';
import { z } from 'zod';
import { choice } from '../config/choice';
import { type ConfigBlock, type ConfigReporter, configBlock } from '../config/config-block';
import { sensitive } from '../config/field-annotations';
import { goDuration } from '../config/go-duration';
import { weakBoolean } from '../config/weak-boolean';
import { weakInteger } from '../config/weak-number';
import { weakString } from '../config/weak-string';
import { weakStringList } from '../config/weak-string-list';
import { parseTunnel } from './parse-tunnel';

const ssh2Constants = createRequire(import.meta.url)('ssh2/lib/protocol/constants.js') as {
  SUPPORTED_CIPHER: string[];
  SUPPORTED_KEX: string[];
};

const port = (fallback: number) => weakInteger({ min: 1, max: 65535 }).default(fallback);
const text = () => weakString().optional();
const secret = () => sensitive(weakString()).optional();
const flag = () => weakBoolean().default(false);

/** The communicator keys (Packer SDK's communicator.Config), as users write them. */
function communicatorSchema(defaultSshTimeoutMs: number) {
  const timeout = `default \`${defaultSshTimeoutMs / 60_000}m\``;
  return z.strictObject({
    communicator: choice(['ssh', 'none', 'winrm'])
      .default('ssh')
      .describe('`ssh` (default), `none`, or `winrm` (not supported yet).'),
    pause_before_connecting: goDuration({ min: 0 })
      .default(0)
      .describe('After the first successful connection, disconnect and wait this long before connecting again.'),
    ssh_host: text().describe('Address to connect to; the builder usually decides.'),
    ssh_port: port(22).describe('SSH port; default `22`.'),
    ssh_username: text().describe('User to log in as; required with the SSH communicator.'),
    ssh_password: secret().describe('Password (`password` and keyboard-interactive auth).'),
    ssh_keypair_name: text().describe(
      'Name of an existing key pair to launch with; needs `ssh_private_key_file` or `ssh_agent_auth`.',
    ),
    temporary_key_pair_name: text().describe('Name of the temporary key pair; default `packer_<uuid>`.'),
    temporary_key_pair_type: choice(['dsa', 'ecdsa', 'ed25519', 'rsa'])
      .optional()
      .describe('Type of a generated temporary key: `rsa` (default), `ed25519`, `ecdsa`, `dsa`.'),
    temporary_key_pair_bits: weakInteger({ min: 0 }).optional().describe('Bits of a generated temporary key.'),
    ssh_ciphers: weakStringList().optional().describe('Ciphers to offer, in order; default AES-GCM first.'),
    ssh_clear_authorized_keys: flag().describe('Remove the temporary key from `~/.ssh/authorized_keys` at the end.'),
    ssh_key_exchange_algorithms: weakStringList().optional().describe('Key exchange algorithms to offer, in order.'),
    ssh_private_key_file: text().describe('Private key file (PEM, PKCS#8 or OpenSSH; `~` expanded).'),
    ssh_certificate_file: text().describe('OpenSSH user certificate for `ssh_private_key_file` (`~` expanded).'),
    ssh_private_key: secret().describe('Private key text (internal: set by builders).'),
    ssh_public_key: text().describe('Public key text (internal: set by builders).'),
    ssh_pty: flag().describe('Request a PTY for commands.'),
    ssh_timeout: goDuration({ min: 0 })
      .default(defaultSshTimeoutMs)
      .describe(`How long to wait for SSH to become available; ${timeout}. Alias: \`ssh_wait_timeout\`.`),
    ssh_agent_auth: flag().describe('Authenticate with the local SSH agent (SSH_AUTH_SOCK).'),
    ssh_disable_agent_forwarding: flag().describe('Do not forward the local agent to the machine.'),
    ssh_handshake_attempts: weakInteger({ min: 0 })
      .default(10)
      .describe('Authentication failures tolerated before giving up; default `10` (`0`: no limit).'),
    ssh_bastion_host: text().describe('Bastion host to connect through.'),
    ssh_bastion_port: port(22).describe('Bastion SSH port; default `22`.'),
    ssh_bastion_agent_auth: flag().describe('Authenticate with the bastion using the local SSH agent.'),
    ssh_bastion_username: text().describe('User on the bastion.'),
    ssh_bastion_password: secret().describe('Password on the bastion.'),
    ssh_bastion_interactive: flag().describe('Answer the bastion keyboard-interactive prompts on the terminal.'),
    ssh_bastion_private_key_file: text().describe('Private key file for the bastion; default `ssh_private_key_file`.'),
    ssh_bastion_certificate_file: text().describe('User certificate for `ssh_bastion_private_key_file`.'),
    ssh_file_transfer_method: choice(['scp', 'sftp'])
      .default('scp')
      .describe('How files are copied: `scp` (default) or `sftp`.'),
    ssh_proxy_host: text().describe('SOCKS5 proxy to connect through.'),
    ssh_proxy_port: port(1080).describe('SOCKS5 proxy port; default `1080`.'),
    ssh_proxy_username: text().describe('SOCKS5 proxy user.'),
    ssh_proxy_password: secret().describe('SOCKS5 proxy password.'),
    ssh_keep_alive_interval: goDuration()
      .default(5_000)
      .describe('Interval of keep-alive requests; default `5s`; negative disables them.'),
    ssh_read_write_timeout: goDuration({ min: 0 })
      .default(0)
      .describe(
        'Drop the connection after this long without data from the machine (e.g. a hang after a reboot); default: no limit.',
      ),
    ssh_remote_tunnels: weakStringList()
      .optional()
      .describe('`REMOTE_PORT:LOCAL_HOST:LOCAL_PORT`: listen on the machine, connect from here.'),
    ssh_local_tunnels: weakStringList()
      .optional()
      .describe('`LOCAL_PORT:REMOTE_HOST:REMOTE_PORT`: listen here, connect from the machine.'),
    winrm_username: text().describe('WinRM user (WinRM is not supported yet).'),
    winrm_password: secret().describe('WinRM password.'),
    winrm_host: text().describe('WinRM address.'),
    winrm_no_proxy: flag().describe('Bypass proxies for WinRM.'),
    winrm_port: weakInteger({ min: 1, max: 65535 }).optional().describe('WinRM port; default `5985`, `5986` with SSL.'),
    winrm_timeout: goDuration({ min: 0 }).default(1_800_000).describe('How long to wait for WinRM; default `30m`.'),
    winrm_use_ssl: flag().describe('Use HTTPS for WinRM.'),
    winrm_insecure: flag().describe('Do not check the WinRM server certificate.'),
    winrm_use_ntlm: flag().describe('Use NTLMv2 authentication for WinRM.'),
  });
}

/** A decoded communicator block. Durations are in milliseconds. */
export type CommunicatorConfig = z.output<ReturnType<typeof communicatorSchema>>;

/**
 * The communicator block (Packer's `communicator` and `ssh_*`/`winrm_*` keys) with Packer's rules:
 * `ssh_username` required for SSH, certificates need their key, bastion and proxy exclusive, valid tunnels,
 * ciphers and key exchanges ssh2 supports; `ssh_wait_timeout` is the deprecated name of `ssh_timeout`.
 * `defaultSshTimeoutMs` is the builder's default (Packer's SDK: 5m; the Outscale builders: 10m).
 */
export function communicatorConfigBlock(
  options: { defaultSshTimeoutMs?: number } = {},
): ConfigBlock<CommunicatorConfig> {
  return configBlock('Communicator', communicatorSchema(options.defaultSshTimeoutMs ?? 300_000), {
    aliases: { ssh_wait_timeout: 'ssh_timeout' },
    check: checkCommunicator,
  });
}

function checkCommunicator(config: CommunicatorConfig, report: ConfigReporter): void {
  if (config.communicator === 'winrm') {
    report.issue('communicator', 'WinRM is not supported by osc-packer yet; use "ssh" (or "none")');
    return;
  }
  if (config.communicator !== 'ssh') return;
  if (!config.ssh_username) {
    report.issue(
      'ssh_username',
      'must be specified with the SSH communicator (some builders used to default it to "root")',
    );
  }
  if (config.ssh_certificate_file && !config.ssh_private_key_file) {
    report.issue('ssh_certificate_file', 'needs ssh_private_key_file (the key the certificate is for)');
  }
  if (config.ssh_bastion_host) checkBastion(config, report);
  else if (config.ssh_bastion_certificate_file && !config.ssh_bastion_private_key_file) {
    report.issue('ssh_bastion_certificate_file', 'needs ssh_bastion_private_key_file');
  }
  if (config.ssh_bastion_host && config.ssh_proxy_host) {
    report.issue(
      'ssh_proxy_host',
      'cannot be used with ssh_bastion_host: set either ssh_bastion_host or ssh_proxy_host, not both',
    );
  }
  checkAlgorithms(config.ssh_ciphers, ssh2Constants.SUPPORTED_CIPHER, 'ssh_ciphers', report);
  checkAlgorithms(
    config.ssh_key_exchange_algorithms,
    ssh2Constants.SUPPORTED_KEX,
    'ssh_key_exchange_algorithms',
    report,
  );
  for (const key of ['ssh_local_tunnels', 'ssh_remote_tunnels'] as const) {
    for (const [i, tunnel] of (config[key] ?? []).entries()) {
      const parsed = parseTunnel(tunnel, key === 'ssh_local_tunnels' ? 'local' : 'remote');
      if (typeof parsed === 'string') report.issue(`${key}[${i}]`, parsed);
    }
  }
}

function checkBastion(config: CommunicatorConfig, report: ConfigReporter): void {
  const keyFile = config.ssh_bastion_private_key_file ?? config.ssh_private_key_file;
  if (!config.ssh_bastion_password && !keyFile && !config.ssh_bastion_agent_auth && !config.ssh_bastion_interactive) {
    report.issue(
      'ssh_bastion_host',
      'needs a way to log in: ssh_bastion_password, ssh_bastion_private_key_file, ssh_bastion_agent_auth or ssh_bastion_interactive',
    );
  }
  if (!config.ssh_bastion_username) report.issue('ssh_bastion_username', 'must be specified with ssh_bastion_host');
  if (config.ssh_bastion_certificate_file && !config.ssh_bastion_private_key_file) {
    report.issue('ssh_bastion_certificate_file', 'needs ssh_bastion_private_key_file');
  }
}

function checkAlgorithms(
  names: readonly string[] | undefined,
  supported: readonly string[],
  key: string,
  report: ConfigReporter,
): void {
  for (const [i, name] of (names ?? []).entries()) {
    if (!supported.includes(name))
      report.issue(`${key}[${i}]`, `"${name}" is not supported; use one of: ${supported.join(', ')}`);
  }
}
