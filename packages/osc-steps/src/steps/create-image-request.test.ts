import { describe, expect, it } from 'vitest';
import { createImageRequest } from './create-image-request';

describe('createImageRequest', () => {
  it('makes the OMI from the VM, with description, product codes and boot modes when set', () => {
    expect(
      createImageRequest(
        { omi_name: 'web', product_codes: ['0001'], omi_boot_modes: ['uefi'] },
        { vmId: 'i-1', description: 'web from debian' },
      ),
    ).toEqual({
      ImageName: 'web',
      VmId: 'i-1',
      Description: 'web from debian',
      ProductCodes: ['0001'],
      BootModes: ['uefi'],
    });
    expect(createImageRequest({ omi_name: 'web' }, { vmId: 'i-1', description: undefined })).toEqual({
      ImageName: 'web',
      VmId: 'i-1',
    });
  });

  it('sends omi_block_device_mappings along with the VM, never instead of it (reference §9.9)', () => {
    const request = createImageRequest(
      {
        omi_name: 'web',
        omi_block_device_mappings: [
          { device_name: '/dev/sda1', volume_size: 30, delete_on_vm_deletion: true, no_device: false },
          { device_name: '/dev/sdb', snapshot_id: 'snap-1', delete_on_vm_deletion: false, no_device: false },
        ],
      },
      { vmId: 'i-1', description: undefined },
    );
    expect(request.VmId).toBe('i-1');
    expect(request.RootDeviceName).toBeUndefined();
    expect(request.BlockDeviceMappings).toEqual([
      { DeviceName: '/dev/sda1', Bsu: { DeleteOnVmDeletion: true, VolumeSize: 30 } },
      { DeviceName: '/dev/sdb', Bsu: { DeleteOnVmDeletion: false, SnapshotId: 'snap-1' } },
    ]);
  });
});
