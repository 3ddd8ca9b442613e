import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJsonDocument, parseTemplate, resolveVariables } from '@osc-packer/builder-core';
import { describe, expect, it } from 'vitest';
import { builderTypeNames } from '../builder-identity';
import { repositoryRoot } from '../docs/generated-files';
import { bsuTestEnv } from './bsu-test-env';
import { prepareBsuConfig } from './prepare-bsu-config';

// The real-world templates are read from the shared directory beside the repository, never copied in.
const compatDir = join(repositoryRoot(), '..', 'shared', 'compat', 'json-templates');
const present = existsSync(compatDir);

// What a fragment lacks to be a whole osc-bsu builder block; the fragment's own keys win.
const base = {
  vm_type: 'tinav6.c2r4p2',
  source_omi: 'ami-12345678',
  ssh_username: 'outscale',
  omi_name: 'packer-compat',
};

type Outcome =
  | { accepted: true; warnings?: string[]; check?: (config: Record<string, unknown>) => void }
  | { rejected: string[] };

interface Case {
  /** The Go plugin's outcome, from INDEX.md. */
  go: string;
  /** Ours, and why when it differs. */
  ours: Outcome;
  why?: string;
  fragment?: boolean;
}

const cases: Record<string, Case> = {
  'osc-bsu-basic.json': {
    go: 'accepted',
    ours: { accepted: true },
    why: 'region "us-east-1" is not an Outscale Region: left to run time, where osc-auth refuses it before any API call and lists the known Regions',
  },
  'osc-bsu-block-device-mappings.fragment.json': {
    go: 'REJECT: virtual_name unknown; root_device_name needed at run time',
    ours: {
      accepted: true,
      check: (config) =>
        expect(config.omi_block_device_mappings).toEqual([
          expect.objectContaining({ device_name: '/dev/sdb', virtual_name: 'ephemeral0' }),
          expect.objectContaining({ device_name: '/dev/sdc', virtual_name: 'ephemeral1' }),
        ]),
    },
    why: "virtual_name is accepted (it is the API's VirtualDeviceName), and the OMI is made from the VM with these mappings added, so no root_device_name is needed",
    fragment: true,
  },
  'osc-bsu-tags.fragment.json': {
    go: 'accepted',
    ours: {
      accepted: true,
      check: (config) =>
        expect(config.tags).toEqual({
          OS_Version: 'Ubuntu',
          Release: 'Latest',
          Base_OMI_Name: '{{ .SourceOMIName }}',
          Extra: '{{ .SourceOMITags.TagName }}',
        }),
    },
    fragment: true,
  },
  'osc-source-omi-filter-bsu-doc.fragment.json': {
    go: 'accepted',
    ours: {
      accepted: true,
      warnings: ['source_omi_filter: root-device-type "ebs" is the AWS name; Outscale OMIs are "bsu", used instead'],
    },
    why: 'the AWS value "ebs" is sent as Outscale\'s "bsu" (with a warning) so the filter can match',
    fragment: true,
  },
  'osc-source-omi-filter-bsusurrogate-doc.fragment.json': {
    go: 'accepted',
    ours: {
      accepted: true,
      warnings: ['source_omi_filter: root-device-type "ebs" is the AWS name; Outscale OMIs are "bsu", used instead'],
    },
    fragment: true,
  },
  'osc-source-omi-filter-chroot-doc.fragment.json': {
    go: 'accepted',
    ours: {
      accepted: true,
      warnings: ['source_omi_filter: root-device-type "ebs" is the AWS name; Outscale OMIs are "bsu", used instead'],
    },
    fragment: true,
  },
  'osc-net-filter.fragment.json': { go: 'accepted', ours: { accepted: true }, fragment: true },
  'osc-auth-static-credentials.fragment.json': {
    go: 'REJECT: oapi_custom_endpoint unknown',
    ours: {
      accepted: true,
      warnings: ['oapi_custom_endpoint: deprecated key; use "custom_endpoint_oapi" instead'],
      check: (config) => expect(config.custom_endpoint_oapi).toBe('outscale.com/oapi/latest'),
    },
    why: "the original docs' oapi_custom_endpoint is a deprecated alias (warning); osc-auth resolves its legacy suffix form",
    fragment: true,
  },
  'intree-acc-osc-bsu.json': { go: 'accepted', ours: { accepted: true } },
  'plugin-acc-outscale-bsu-basic.json': {
    go: 'accepted',
    ours: {
      accepted: true,
      check: (config) => expect(config.source_omi_filter).toMatchObject({ owners: ['Outscale'], most_recent: true }),
    },
  },
  'plugin-acc-outscale-bsu-product-code.json': {
    go: 'accepted',
    ours: { accepted: true, check: (config) => expect(config.product_codes).toEqual(['0001']) },
  },
  'plugin-doc-outscale-bsu-basic.json': { go: 'accepted (deprecated env names via {{env}})', ours: { accepted: true } },
  'plugin-doc-outscale-bsu-launch-mappings-duplicate-key.fragment.json': {
    go: 'duplicate key: the LAST launch_block_device_mappings is kept',
    ours: {
      accepted: true,
      check: (config) =>
        expect(
          (config.launch_block_device_mappings as { device_name: string }[]).map((entry) => entry.device_name),
        ).toEqual(['/dev/sdb', '/dev/sdc']),
    },
    why: "builder-core's JSON parser keeps the last duplicate key, as Go's encoding/json",
    fragment: true,
  },
  'plugin-doc-outscale-bsu-tags.fragment.json': { go: 'accepted', ours: { accepted: true }, fragment: true },
  'plugin-doc-auth-static-credentials.fragment.json': {
    go: 'accepted at prepare; the suffix endpoint fails at run time',
    ours: { accepted: true, check: (config) => expect(config.custom_endpoint_oapi).toBe('outscale.com/oapi/latest') },
    why: 'osc-auth reads the legacy suffix form as https://api.<region>.outscale.com/api/v1/ (with a deprecation warning) instead of using it verbatim as a URL',
    fragment: true,
  },
  'plugin-doc-auth-x509.fragment.json': {
    go: 'accepted',
    ours: { accepted: true, check: (config) => expect(config.x509_cert_path).toBe('the/path/to/your/x509cert') },
    fragment: true,
  },
};

/** Files that are not osc-bsu configurations, and why. */
const notForBsu: Record<string, string> = {
  'INDEX.md': 'the index itself',
  'osc-auth-x509.fragment.json': 'invalid JSON (trailing comma): no builder ever sees it (checked below)',
  'intree-acc-osc-bsusurrogate.json': 'osc-bsusurrogate (omi_root_device)',
  'intree-acc-osc-bsuvolume.json': 'osc-bsuvolume (bsu_volumes)',
  'intree-acc-osc-chroot.json': 'osc-chroot',
  'osc-bsusurrogate-basic.fragment.json': 'osc-bsusurrogate (omi_root_device)',
  'osc-bsuvolume-basic.json': 'osc-bsuvolume (ebs_volumes)',
  'osc-chroot-basic.fragment.json': 'osc-chroot',
  'osc-chroot-from-scratch-legacy-ami-keys.fragment.json': 'osc-chroot',
  'osc-chroot-mounts.fragment.json': 'osc-chroot (chroot_mounts)',
  'plugin-acc-outscale-bsusurrogate-basic.json': 'outscale-bsusurrogate',
  'plugin-acc-outscale-bsusurrogate-vm-terminate.json': 'outscale-bsusurrogate',
  'plugin-acc-outscale-bsuvolume-basic.json': 'outscale-bsuvolume',
  'plugin-doc-outscale-bsusurrogate-basic.fragment.json': 'outscale-bsusurrogate',
  'plugin-doc-outscale-bsuvolume-basic.json': 'outscale-bsuvolume',
  'plugin-doc-outscale-chroot-basic.fragment.json': 'outscale-chroot',
  'plugin-doc-outscale-chroot-from-scratch-legacy-ami-keys.fragment.json': 'outscale-chroot',
};

/**
 * The builder block of a file, read as osc-packer reads it (builder-core's template parser and variable
 * resolution, with the deprecated variables the docs use set in the environment), and its user variables.
 * A fragment is completed with `base`.
 */
function builderOf(
  file: string,
  fragment: boolean,
): { raw: Record<string, unknown>; variables: Record<string, string> } {
  const path = join(compatDir, file);
  const text = readFileSync(path, 'utf8');
  if (fragment) return { raw: { ...base, ...(parseJsonDocument(text, path).value as object) }, variables: {} };
  const template = parseTemplate(text, { path });
  const env = { OUTSCALE_ACCESSKEYID: 'AKIAEXAMPLE', OUTSCALE_SECRETKEYID: 'secret-example' };
  const variables = resolveVariables(template, {}, { ...bsuTestEnv().interpolation, env }).values;
  const [builder] = template.builders;
  return { raw: { type: builder?.type, ...builder?.config }, variables: { ...variables } };
}

describe.skipIf(!present)('compat templates of ../shared/compat/json-templates (osc-bsu)', () => {
  it('classifies every file (a new file needs a decision here)', () => {
    const files = readdirSync(compatDir).sort();
    expect(files).toEqual([...Object.keys(cases), ...Object.keys(notForBsu)].sort());
  });

  it('keeps the trailing-comma fragment unreadable, as it is for Packer', () => {
    const text = readFileSync(join(compatDir, 'osc-auth-x509.fragment.json'), 'utf8');
    expect(() => parseJsonDocument(text)).toThrow(/line 6/);
  });

  const titled = Object.entries(cases).map(([file, entry]) => {
    const ours = 'rejected' in entry.ours ? `rejected (${entry.ours.rejected.join(', ')})` : 'accepted';
    return [`${file}: Go ${entry.go}; ours ${ours}${entry.why ? `, because ${entry.why}` : ''}`, file, entry] as const;
  });

  it.each(titled)('%s', (_, file, { ours, fragment }) => {
    const { raw, variables } = builderOf(file, fragment ?? false);
    // Both type names are ours; the in-tree acceptance tests say "test" (their harness set the type).
    if (raw.type !== undefined) expect([...builderTypeNames, 'test']).toContain(raw.type);
    const result = prepareBsuConfig(raw, bsuTestEnv({ cwd: compatDir, userVariables: variables }));
    if ('rejected' in ours) {
      expect(result.ok).toBe(false);
      expect(result.ok ? [] : result.issues.map((issue) => issue.path)).toEqual(ours.rejected);
      return;
    }
    if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.issues)}`);
    // The only warning every template gets: the temporary security group is open to the world by default.
    const expected = [...(ours.warnings ?? []), expect.stringContaining('0.0.0.0/0')];
    expect(result.warnings).toEqual(expected);
    ours.check?.(result.config as unknown as Record<string, unknown>);
  });
});
