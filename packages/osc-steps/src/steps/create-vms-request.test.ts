import { describe, expect, it } from 'vitest';
import { createVmsRequest, vmTags } from './create-vms-request';

const config = { vm_type: 'tinav6.c2r4p2', bsu_optimized: true, shutdown_behavior: 'stop' as const };

describe('createVmsRequest', () => {
  it('sends what is known and leaves out what is not (no empty SubnetId)', () => {
    expect(
      createVmsRequest(
        config,
        {
          sourceImage: { ImageId: 'ami-1' },
          subnetId: null,
          subregionName: null,
          keypairName: null,
          securityGroupIds: ['sg-1'],
        },
        { clientToken: 'token-1' },
      ),
    ).toEqual({
      ImageId: 'ami-1',
      VmType: 'tinav6.c2r4p2',
      MinVmsCount: 1,
      MaxVmsCount: 1,
      ClientToken: 'token-1',
      BsuOptimized: true,
      VmInitiatedShutdownBehavior: 'stop',
      SecurityGroupIds: ['sg-1'],
    });
  });

  it('places the VM, names its key pair, maps its block devices, and passes user data and boot mode', () => {
    const request = createVmsRequest(
      {
        ...config,
        boot_mode: 'uefi',
        launch_block_device_mappings: [
          {
            device_name: '/dev/sda1',
            volume_size: 20,
            volume_type: 'gp2',
            delete_on_vm_deletion: true,
            no_device: false,
          },
          { device_name: '/dev/sdc', no_device: true, delete_on_vm_deletion: false },
        ],
      },
      {
        sourceImage: { ImageId: 'ami-1' },
        subnetId: 'subnet-1',
        subregionName: 'eu-west-2a',
        keypairName: 'packer_1',
        securityGroupIds: ['sg-1'],
      },
      { clientToken: 't', userData: 'ZWNobyBoaQ==' },
    );
    expect(request).toMatchObject({
      BootMode: 'uefi',
      Placement: { SubregionName: 'eu-west-2a' },
      KeypairName: 'packer_1',
      SubnetId: 'subnet-1',
      UserData: 'ZWNobyBoaQ==',
      BlockDeviceMappings: [
        { DeviceName: '/dev/sda1', Bsu: { DeleteOnVmDeletion: true, VolumeSize: 20, VolumeType: 'gp2' } },
        { DeviceName: '/dev/sdc', NoDevice: '' },
      ],
    });
  });

  it('adds Name: Packer Builder to the VM tags unless a Name is given', () => {
    expect(vmTags({ Team: 'a' })).toEqual({ Name: 'Packer Builder', Team: 'a' });
    expect(vmTags({ Name: 'mine' })).toEqual({ Name: 'mine' });
  });
});
