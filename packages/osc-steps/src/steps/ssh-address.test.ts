import type { Vm } from '@osc-packer/oapi-client';
import { describe, expect, it } from 'vitest';
import { sshAddress } from './ssh-address';

const full: Vm = {
  VmId: 'i-1',
  PublicIp: '203.0.113.7',
  PublicDnsName: 'ows-203-0-113-7.eu-west-2.compute.outscale.com',
  PrivateIp: '10.0.1.5',
  PrivateDnsName: 'ip-10-0-1-5.eu-west-2.compute.internal',
};

describe('sshAddress', () => {
  it('prefers ssh_host, then ssh_interface', () => {
    expect(sshAddress(full, { sshHost: 'bastion.example', sshInterface: 'private_ip' }).host).toBe('bastion.example');
    expect(sshAddress(full, { sshInterface: 'private_dns' }).host).toBe('ip-10-0-1-5.eu-west-2.compute.internal');
    expect(sshAddress(full, { sshInterface: 'public_dns' }).host).toBe(full.PublicDnsName);
  });

  it('in a Net: the public IP if any, else the private IP', () => {
    expect(sshAddress({ ...full, NetId: 'vpc-1' }, {}).host).toBe('203.0.113.7');
    expect(sshAddress({ ...full, NetId: 'vpc-1', PublicIp: '' }, {})).toEqual({
      host: '10.0.1.5',
      why: 'the VM is in Net vpc-1: PrivateIp',
    });
  });

  it('outside a Net: the public IP, then its DNS name, then the private IP', () => {
    expect(sshAddress(full, {}).host).toBe('203.0.113.7');
    expect(sshAddress({ ...full, PublicIp: undefined }, {}).host).toBe(full.PublicDnsName);
    expect(sshAddress({ VmId: 'i-2', PrivateIp: '10.0.0.9' }, {}).host).toBe('10.0.0.9');
  });

  it('says which fields were empty', () => {
    expect(sshAddress({ VmId: 'i-3', NetId: 'vpc-2' }, {})).toEqual({
      host: undefined,
      problem: 'the VM is in Net vpc-2, but PublicIp, PrivateIp are empty',
    });
    expect(sshAddress({ ...full, PublicIp: '' }, { sshInterface: 'public_ip' })).toEqual({
      host: undefined,
      problem: 'ssh_interface is public_ip, but PublicIp is empty',
    });
  });
});
