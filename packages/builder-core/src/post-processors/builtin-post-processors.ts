import { manifestPostProcessor } from './manifest/manifest-post-processor';
import type { PostProcessorPlugin } from './post-processor-plugin';
import type { PostProcessorRegistry } from './prepare-post-processors';
import { shellLocalPostProcessor } from './shell-local/shell-local-post-processor';

/** The post-processors osc-packer provides: `manifest` and `shell-local`. */
export function builtinPostProcessors(): PostProcessorRegistry {
  const plugins = [manifestPostProcessor, shellLocalPostProcessor];
  return new Map(plugins.map((plugin) => [plugin.type, plugin as PostProcessorPlugin]));
}
