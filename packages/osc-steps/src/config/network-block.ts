import { choice, configBlock, weakBoolean, weakString } from '@osc-packer/builder-core';
import { z } from 'zod';
import { type FilterKeys, nameValueFilterSchema } from './name-value-filter';

/** The filter names of `net_filter` and the ReadNets filter each one sets. */
export const netFilterKeys = {
  'ip-range': { field: 'IpRanges' },
  'dhcp-options-set-id': { field: 'DhcpOptionsSetIds' },
  'is-default': { field: 'IsDefault', kind: 'boolean' },
  state: { field: 'States' },
  'tag-key': { field: 'TagKeys' },
  'tag-value': { field: 'TagValues' },
} as const satisfies FilterKeys;

/** The filter names of `subnet_filter` and the ReadSubnets filter each one sets. */
export const subnetFilterKeys = {
  'available-ips-counts': { field: 'AvailableIpsCounts', kind: 'integer' },
  'ip-ranges': { field: 'IpRanges' },
  'net-ids': { field: 'NetIds' },
  states: { field: 'States' },
  'subnet-ids': { field: 'SubnetIds' },
  'sub-region-names': { field: 'SubregionNames' },
} as const satisfies FilterKeys;

/** The `ssh_interface` values: which address of the VM to connect to. */
export const sshInterfaces = ['public_ip', 'private_ip', 'public_dns', 'private_dns'] as const;

/**
 * Where the VM runs and how it is reached: Subnet and Net (by id or filter), Subregion, temporary public IP,
 * and the address SSH uses. `availability_zone` (an early in-tree name) is a deprecated alias of `subregion_name`.
 */
export const networkBlock = configBlock(
  'Network',
  z.strictObject({
    subnet_id: weakString()
      .optional()
      .describe('Subnet to launch the VM in (a Net). Its Net and Subregion are read from it when not set.'),
    subnet_filter: nameValueFilterSchema('subnet_filter', subnetFilterKeys, {
      most_free: weakBoolean()
        .default(false)
        .describe('When several Subnets match, take the one with the most free IPs. Default `false`.'),
      random: weakBoolean().default(false).describe('When several Subnets match, take one at random. Default `false`.'),
    })
      .optional()
      .describe(
        'Finds the Subnet when `subnet_id` is empty; restricted to available Subnets of the chosen Net and Subregion.',
      ),
    net_id: weakString().optional().describe('Net (VPC) of the temporary security group.'),
    net_filter: nameValueFilterSchema('net_filter', netFilterKeys, {})
      .optional()
      .describe('Finds the Net when `net_id` is empty; exactly one available Net must match.'),
    subregion_name: weakString()
      .optional()
      .describe('Subregion to launch the VM in, e.g. `eu-west-2a`; default: the API chooses.'),
    associate_public_ip_address: weakBoolean()
      .default(false)
      .describe('Allocate a temporary public IP, link it to the VM, and release it at the end. Default `false`.'),
    ssh_interface: choice(sshInterfaces)
      .optional()
      .describe(
        'Address to connect to: `public_ip`, `private_ip`, `public_dns` or `private_dns`. Default: in a Net the public IP if any, else the private IP; outside a Net the public DNS name. `ssh_host` wins over it.',
      ),
  }),
  {
    aliases: { availability_zone: 'subregion_name' },
    check(value, report) {
      if (value.subnet_id && value.subnet_filter) {
        report.warn('subnet_filter: ignored because subnet_id is set');
      }
      if (value.net_id && value.net_filter) report.warn('net_filter: ignored because net_id is set');
      if (value.subnet_filter?.most_free && value.subnet_filter.random) {
        report.warn('subnet_filter: most_free and random are both set; most_free wins');
      }
    },
  },
);

/** The decoded network keys. */
export type NetworkConfig = z.output<typeof networkBlock.schema>;
