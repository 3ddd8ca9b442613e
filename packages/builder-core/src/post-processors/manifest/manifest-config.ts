import { z } from 'zod';
import { composeConfig, configBlock } from '../../config/config-block';
import { stringMap } from '../../config/string-map';
import { weakBoolean } from '../../config/weak-boolean';
import { weakString } from '../../config/weak-string';

const manifestBlock = configBlock(
  'manifest post-processor',
  z.strictObject({
    output: weakString()
      .default('packer-manifest.json')
      .describe('The manifest file (relative to the working directory); default `packer-manifest.json`.'),
    strip_path: weakBoolean().default(false).describe('Record file names without their directories.'),
    strip_time: weakBoolean().default(false).describe('Leave `build_time` out.'),
    custom_data: stringMap()
      .optional()
      .describe('Extra key/value pairs recorded with the build; `{{ build `ID` }}` and friends available.'),
  }),
);

/** The `manifest` post-processor's decoded configuration spec. */
export const manifestConfigSpec = composeConfig('manifest post-processor', manifestBlock);

/** A decoded `manifest` configuration. */
export type ManifestConfig = z.output<typeof manifestBlock.schema>;
