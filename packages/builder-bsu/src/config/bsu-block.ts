import { configBlock, stringMap, weakBoolean } from '@osc-packer/builder-core';
import { z } from 'zod';

/** The keys only osc-bsu has. */
export const bsuBlock = configBlock(
  'osc-bsu',
  z.strictObject({
    run_volume_tags: stringMap()
      .optional()
      .describe(
        'Tags of every volume of the build VM (the Go plugin tagged only the first). Rendered during the build: `{{ .SourceOMI }}`, `{{ .BuildRegion }}`... are available.',
      ),
    skip_create_omi: weakBoolean()
      .default(false)
      .describe('Provision the VM but create no OMI (no artifact): for testing provisioners. Default `false`.'),
  }),
  { deferred: ['run_volume_tags'] },
);
