import { existsSync } from 'node:fs';
import type { Communicator } from '../../communicator/communicator';
import { decodePluginConfig } from '../decode-plugin-config';
import type { ProvisionerPlugin, ProvisionerRun } from '../provisioner-plugin';
import { resolveScript } from '../script-sources';
import { downloadSources } from './download-sources';
import { type FileConfig, fileConfigSpec } from './file-config';
import { uploadSources } from './upload-sources';

/** Packer's `file` provisioner: uploads local files and directories, or downloads remote ones. */
export const fileProvisioner: ProvisionerPlugin<FileConfig> = {
  type: 'file',
  prepare: (raw, env) =>
    decodePluginConfig(fileConfigSpec, raw, env, (config, report) => {
      const sources = sourcesOf(config);
      if (sources.length > 0 && config.content !== undefined) report('content', 'source(s) conflicts with content.');
      if (sources.length === 0 && config.content === undefined) {
        report('source', 'One of source, sources or content must be specified.');
      }
      if (config.destination === '') report('destination', 'Destination must be specified.');
      if (sources.length > 1 && !config.destination.endsWith('/')) {
        report('destination', 'must end with / (a directory) when there are several sources');
      }
      if (config.direction === 'download' && config.content !== undefined) {
        report('content', 'content can only be uploaded');
      }
      if (config.direction === 'upload' && !config.generated) {
        for (const source of sources) {
          if (!existsSync(resolveScript(env.cwd, source))) report('source', `Bad source '${source}': no such file`);
        }
      }
    }),
  provision: (run: ProvisionerRun, config: FileConfig, communicator: Communicator) =>
    config.direction === 'download'
      ? downloadSources(run, communicator, sourcesOf(config), config.destination)
      : uploadSources(run, communicator, sourcesOf(config), config.destination, config.content),
};

/** `source` and `sources` together, in that order. */
function sourcesOf(config: { source?: string; sources?: readonly string[] }): string[] {
  return [...(config.source !== undefined ? [config.source] : []), ...(config.sources ?? [])];
}
