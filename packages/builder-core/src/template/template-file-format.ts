import { stat } from 'node:fs/promises';
import { TemplateError } from './template-error';

/**
 * Refuses, before reading, what Packer would read as HCL2: a `.pkr.hcl`/`.hcl` template, a directory of
 * them, or a `.pkrvars.hcl` var file. Without this the user sees a JSON syntax error at "line 1, column 1"
 * and has to guess that only JSON templates are read.
 */
export async function assertJsonTemplateFile(absolute: string, display: string): Promise<void> {
  if (/\.hcl$/i.test(absolute)) {
    throw new TemplateError(
      [
        {
          path: '',
          message:
            'HCL2 templates (.pkr.hcl) are not supported yet: osc-packer reads Packer JSON templates ' +
            '(an object with "builders", "provisioners" and "post-processors"); write the template as JSON',
        },
      ],
      display,
    );
  }
  const info = await stat(absolute).catch(() => undefined);
  if (info?.isDirectory()) {
    throw new TemplateError(
      [
        {
          path: '',
          message:
            "is a directory: osc-packer builds from one JSON template file (Packer's HCL2 directories of " +
            '.pkr.hcl files are not supported yet); name the .json template',
        },
      ],
      display,
    );
  }
}

/** Refuses a `.pkrvars.hcl` (HCL2) var file with a message that says what to give instead. */
export function assertJsonVarFile(path: string): void {
  if (!/\.hcl$/i.test(path)) return;
  throw new TemplateError(
    [
      {
        path: '-var-file',
        message:
          `${path} is an HCL2 variable file (.pkrvars.hcl), not supported yet: give a JSON var file ` +
          '({"name": "value", ...}) or -var name=value',
      },
    ],
    path,
  );
}
