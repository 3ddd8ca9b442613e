import { decodePluginConfig } from '../decode-plugin-config';
import type { ProvisionerPlugin } from '../provisioner-plugin';
import { runShellLocal } from './run-shell-local';
import { checkShellLocal, type ShellLocalConfig, shellLocalConfigSpec } from './shell-local-config';

/** Packer's `shell-local` provisioner: runs commands on this machine, with the build's variables. */
export const shellLocalProvisioner: ProvisionerPlugin<ShellLocalConfig> = {
  type: 'shell-local',
  prepare: (raw, env) =>
    decodePluginConfig(shellLocalConfigSpec, raw, env, (config, report) => checkShellLocal(config, env.cwd, report)),
  provision: (run, config) => runShellLocal(run, config),
};
