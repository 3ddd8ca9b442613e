import { breakpointProvisioner } from './breakpoint/breakpoint-provisioner';
import { fileProvisioner } from './file/file-provisioner';
import type { ProvisionerRegistry } from './prepare-provisioners';
import type { ProvisionerPlugin } from './provisioner-plugin';
import { shellProvisioner } from './shell/shell-provisioner';
import { shellLocalProvisioner } from './shell-local/shell-local-provisioner';

/** The provisioners osc-packer provides: `shell`, `file`, `shell-local`, `breakpoint`. */
export function builtinProvisioners(): ProvisionerRegistry {
  const plugins = [shellProvisioner, fileProvisioner, shellLocalProvisioner, breakpointProvisioner];
  return new Map(plugins.map((plugin) => [plugin.type, plugin as ProvisionerPlugin]));
}
