import { describe, expect, expectTypeOf, it } from 'vitest';
import { usedOperations } from '../model/used-operations';
import type {
  BootMode,
  CreateImageRequest,
  DeleteImageRequest,
  OapiOperations,
  OperationName,
  PublicIp,
  ReadVmsResponse,
  StopVmsResponse,
  VmStateInfo,
} from './oapi-types';
import { operationInfo } from './oapi-types';

describe('generated OAPI types', () => {
  it('map every used operation to its request and response', () => {
    expectTypeOf<OperationName>().toEqualTypeOf<(typeof usedOperations)[number]>();
    expectTypeOf<OapiOperations['ReadVms']['response']>().toEqualTypeOf<ReadVmsResponse>();
    expectTypeOf<StopVmsResponse['Vms']>().toEqualTypeOf<VmStateInfo[] | undefined>();
  });

  it('keep required fields required and enums as unions', () => {
    expectTypeOf<DeleteImageRequest['ImageId']>().toEqualTypeOf<string>();
    expectTypeOf<CreateImageRequest['BootModes']>().toEqualTypeOf<BootMode[] | undefined>();
    expectTypeOf<BootMode>().toEqualTypeOf<'uefi' | 'legacy'>();
  });

  it('let the 1.41 nullable public IP fields be null', () => {
    expectTypeOf<PublicIp['VmId']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<PublicIp['PublicIpId']>().toEqualTypeOf<string | undefined>();
  });

  it('describe every operation in operationInfo', () => {
    expect(Object.keys(operationInfo).sort()).toEqual([...usedOperations].sort());
    expect(operationInfo.ReadVms).toEqual({
      paginated: true,
      clientToken: false,
      authenticated: true,
      itemsField: 'Vms',
    });
    expect(operationInfo.CreateVms).toMatchObject({ paginated: false, clientToken: true });
    expect(operationInfo.ReadRegions).toMatchObject({ paginated: false, authenticated: false, itemsField: null });
    expect(operationInfo.ReadVmTypes).toMatchObject({ paginated: true, authenticated: false, itemsField: 'VmTypes' });
    expectTypeOf(operationInfo.ReadVms.itemsField).toEqualTypeOf<'Vms'>();
  });
});
