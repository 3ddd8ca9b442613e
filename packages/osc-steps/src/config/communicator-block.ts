import {
  type CommunicatorConfig,
  type ConfigBlock,
  type ConfigReporter,
  communicatorConfigBlock,
} from '@osc-packer/builder-core';

/** The Outscale builders' default `ssh_timeout` (the Go plugin's override of Packer's 5m). */
export const outscaleSshTimeoutMs = 600_000;

function checkKeyPair(config: CommunicatorConfig, report: ConfigReporter): void {
  if (!config.ssh_keypair_name) return;
  if (config.communicator === 'winrm') {
    if (!config.winrm_password && !config.ssh_private_key_file) {
      report.issue(
        'ssh_private_key_file',
        'ssh_private_key_file must be provided to retrieve the winrm password when using ssh_keypair_name',
      );
    }
    return;
  }
  if (config.communicator === 'ssh' && !config.ssh_private_key_file && !config.ssh_agent_auth) {
    report.issue(
      'ssh_keypair_name',
      'ssh_private_key_file must be provided or ssh_agent_auth enabled when ssh_keypair_name is specified',
    );
  }
}

const base = communicatorConfigBlock({ defaultSshTimeoutMs: outscaleSshTimeoutMs });

/**
 * builder-core's communicator block (`communicator`, `ssh_*`, `winrm_*`) with the Outscale builders' defaults
 * and rules: `ssh_timeout` defaults to 10m; `ssh_keypair_name` needs `ssh_private_key_file` or
 * `ssh_agent_auth` (the key of an existing key pair never leaves the user's machine). Without any of
 * `ssh_keypair_name`, `ssh_private_key_file` and `ssh_password`, the build creates a temporary key pair
 * (named by `temporary_key_pair_name`, else `packer_<uuid>`, chosen by the steps at run time). The
 * temporary security group opens `ssh_port`.
 */
export const outscaleCommunicatorBlock: ConfigBlock<CommunicatorConfig> = {
  ...base,
  check(value, report) {
    base.check?.(value, report);
    checkKeyPair(value, report);
  },
};

/**
 * Whether the build creates a temporary key pair (the Go plugin's rule): not with `communicator: "none"`, a
 * key file, agent auth or an existing key pair; with `temporary_key_pair_name`; otherwise unless a
 * `ssh_password` is the way in.
 */
export function needsTemporaryKeyPair(config: CommunicatorConfig): boolean {
  if (config.communicator === 'none') return false;
  if (config.ssh_private_key_file || config.ssh_agent_auth || config.ssh_keypair_name) return false;
  if (config.temporary_key_pair_name) return true;
  return !config.ssh_password;
}

/** The port the temporary security group opens: `ssh_port`, or `winrm_port` (default 5985, 5986 with SSL). */
export function communicatorPort(config: CommunicatorConfig): number {
  if (config.communicator === 'winrm') return config.winrm_port ?? (config.winrm_use_ssl ? 5986 : 5985);
  return config.ssh_port;
}
