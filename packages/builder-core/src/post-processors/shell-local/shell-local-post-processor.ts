import type { GeneratedData } from '../../build/generated-data';
import { decodePluginConfig } from '../../provisioners/decode-plugin-config';
import { runShellLocal } from '../../provisioners/shell-local/run-shell-local';
import {
  checkShellLocal,
  type ShellLocalConfig,
  shellLocalConfigSpec,
} from '../../provisioners/shell-local/shell-local-config';
import type { PostProcessorPlugin } from '../post-processor-plugin';

/**
 * Packer's `shell-local` post-processor: runs commands on this machine after the build, with the build's
 * variables and generated data, and passes the artifact on, kept.
 */
export const shellLocalPostProcessor: PostProcessorPlugin<ShellLocalConfig> = {
  type: 'shell-local',
  prepare: (raw, env) =>
    decodePluginConfig(shellLocalConfigSpec, raw, env, (config, report) => checkShellLocal(config, env.cwd, report)),
  async postProcess(run, config, artifact) {
    const data = artifact.state('generated_data');
    const generatedData: GeneratedData = data && typeof data === 'object' ? (data as GeneratedData) : {};
    await runShellLocal({ ...run, generatedData }, config);
    return { artifact, keep: true, forceKeep: true };
  },
};
