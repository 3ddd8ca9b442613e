import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The catalog's Debian 12, as templates find it on Outscale and on local-cloud. */
export const debianFilter = { filters: { 'image-name': 'Debian-12-*' }, owners: ['Outscale'], most_recent: true };

/**
 * Writes a template with one osc-bsu build (Debian 12, `tinav6.c1r1p2`, user `outscale`) named `name` into
 * `<root>/<name>/template.json`; `builder` keys are added to (or, undefined, removed from) the build.
 */
export function writeBsuTemplate(
  root: string,
  name: string,
  builder: Record<string, unknown> = {},
  rest: Record<string, unknown> = {},
): { dir: string; path: string } {
  const dir = join(root, name);
  mkdirSync(join(dir, 'out'), { recursive: true });
  const body = {
    ...rest,
    builders: [
      {
        type: 'osc-bsu',
        name,
        vm_type: 'tinav6.c1r1p2',
        source_omi_filter: debianFilter,
        ssh_username: 'outscale',
        omi_name: `${name}-{{timestamp}}`,
        temporary_security_group_source_cidrs: ['127.0.0.0/8'],
        ...builder,
      },
    ],
  };
  writeFileSync(join(dir, 'template.json'), JSON.stringify(body, null, 2));
  return { dir, path: join(dir, 'template.json') };
}

/** The OMI id of `--> name: OMIs were created:` in a build's output. */
export function builtImageId(stdout: string): string | undefined {
  return /--> \S+: OMIs were created:\s*\S+: (ami-[0-9a-f]{8})/.exec(stdout)?.[1];
}
