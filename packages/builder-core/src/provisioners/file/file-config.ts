import { z } from 'zod';
import { choice } from '../../config/choice';
import { composeConfig, configBlock } from '../../config/config-block';
import { weakBoolean } from '../../config/weak-boolean';
import { weakString } from '../../config/weak-string';
import { weakStringList } from '../../config/weak-string-list';

/** The `file` provisioner's keys (Packer's). */
const fileBlock = configBlock(
  'file provisioner',
  z.strictObject({
    source: weakString()
      .optional()
      .describe(
        'Local file or directory to upload (remote one to download). A directory ending in `/` copies its contents.',
      ),
    sources: weakStringList().optional().describe('Several sources; `destination` must then end with `/`.'),
    content: weakString().optional().describe('Text to write to `destination` instead of a source file.'),
    destination: weakString().describe('Where the file goes; ending in `/` means "into this directory".'),
    direction: choice(['upload', 'download']).default('upload').describe('`upload` (default) or `download`.'),
    generated: weakBoolean()
      .default(false)
      .describe('The source is made during the build: check it exists only when uploading.'),
  }),
);

/** The `file` provisioner's decoded configuration. */
export const fileConfigSpec = composeConfig('file provisioner', fileBlock);

/** A decoded `file` configuration. */
export type FileConfig = z.output<typeof fileBlock.schema>;
