import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { composeConfig, configBlock } from './config-block';
import { configDocsMarkdown, configDocsTable } from './config-docs';
import { configJsonSchema } from './config-json-schema';
import { sensitive } from './field-annotations';
import { goDuration } from './go-duration';
import { stringMap } from './string-map';
import { weakBoolean } from './weak-boolean';
import { weakInteger } from './weak-number';
import { weakString } from './weak-string';
import { weakStringList } from './weak-string-list';

const communicator = z.strictObject({
  ssh_username: weakString().describe('User to connect as.'),
  ssh_password: sensitive(weakString()).optional().describe('Password | when no key is used.'),
  ssh_port: weakInteger({ min: 1, max: 65535 }).default(22).describe('SSH port.'),
  ssh_pty: weakBoolean().default(false).describe('Request a PTY.'),
  ssh_timeout: goDuration().default(300_000).describe('How long to wait for SSH. Default: `5m`.'),
  ssh_file_transfer_method: z.enum(['scp', 'sftp']).default('scp').describe('How files are copied.'),
  ssh_ciphers: weakStringList().optional().describe('Allowed ciphers.'),
  tags: stringMap().optional().describe('Tags.'),
  mappings: z.array(z.strictObject({ device_name: weakString().describe('Device.') })).optional(),
});

describe('configJsonSchema', () => {
  const schema = configJsonSchema(communicator, { title: 'SSH', extraProperties: { type: { type: 'string' } } });
  const properties = schema.properties as Record<string, Record<string, unknown>>;

  it('describes the raw forms users may write, with descriptions and defaults', () => {
    expect(schema).toMatchObject({
      title: 'SSH',
      type: 'object',
      additionalProperties: false,
      required: ['ssh_username'],
    });
    expect(properties.ssh_port).toEqual({
      description: 'SSH port.',
      default: 22,
      anyOf: [
        { type: 'integer', minimum: 1, maximum: 65535 },
        { type: 'string', pattern: '^[+-]?(\\d+|0[xX][0-9a-fA-F]+)$' },
      ],
    });
    expect(properties.ssh_timeout).toMatchObject({ type: 'string', format: 'duration', default: '5m0s' });
    expect(properties.ssh_file_transfer_method).toMatchObject({ enum: ['scp', 'sftp'], default: 'scp' });
    expect(properties.tags).toMatchObject({
      type: 'object',
      additionalProperties: { type: ['string', 'number', 'boolean'] },
    });
    expect(properties.type).toEqual({ type: 'string' });
    expect(schema.patternProperties).toEqual({ '^packer_': {} });
  });

  it('is valid JSON Schema that accepts what decodeConfig accepts', () => {
    expect(() => JSON.stringify(schema)).not.toThrow();
    const mappings = properties.mappings as { items: { properties: object } };
    expect(Object.keys(mappings.items.properties)).toEqual(['device_name']);
  });
});

describe('config docs', () => {
  it('generates a Markdown table with types, required flags, allowed values and defaults', () => {
    expect(configDocsTable(communicator)).toBe(
      [
        '| Key | Type | Required | Description |',
        '| --- | --- | --- | --- |',
        '| `ssh_username` | string | yes | User to connect as. |',
        '| `ssh_password` | string | no | Password \\| when no key is used. |',
        '| `ssh_port` | integer | no | SSH port. Default: `22`. |',
        '| `ssh_pty` | boolean | no | Request a PTY. Default: `false`. |',
        '| `ssh_timeout` | duration | no | How long to wait for SSH. Default: `5m`. |',
        '| `ssh_file_transfer_method` | string | no | How files are copied. One of: `scp`, `sftp`. Default: `"scp"`. |',
        '| `ssh_ciphers` | list of string | no | Allowed ciphers. |',
        '| `tags` | map of string | no | Tags. |',
        '| `mappings` | list of object | no |  |',
        '| `mappings[].device_name` | string | yes | Device. |',
      ].join('\n'),
    );
  });

  it('documents a composed configuration block by block', () => {
    const spec = composeConfig(
      'builder',
      configBlock('Access', z.strictObject({ region: weakString().describe('Region.') })),
      configBlock('Run', z.strictObject({ vm_type: weakString().describe('VM type.') })),
    );
    const markdown = configDocsMarkdown(spec);
    expect(markdown).toContain('### Access\n\n| Key |');
    expect(markdown).toContain('| `vm_type` | string | yes | VM type. |');
    expect(configJsonSchema(spec).title).toBe('builder');
  });
});
