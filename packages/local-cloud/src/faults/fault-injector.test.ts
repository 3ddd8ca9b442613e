import { describe, expect, it } from 'vitest';
import { FaultInjector } from './fault-injector';
import { faultsFileSchema } from './fault-rule';
import { operationResourceKind } from './operation-resource';

describe('fault injection', () => {
  it('knows which resource each operation acts on', () => {
    expect(operationResourceKind('ReadVmsState')).toBe('vm');
    expect(operationResourceKind('CreateImageExportTask')).toBe('image');
    expect(operationResourceKind('LinkPublicIp')).toBe('publicIp');
    expect(operationResourceKind('CreateSecurityGroupRule')).toBe('securityGroup');
    expect(operationResourceKind('ReadSubregions')).toBe('region');
  });

  it('fires a rule the given number of times, after skipping the first calls', () => {
    const faults = new FaultInjector();
    faults.add({ operation: 'Read*', action: 'throttle', scope: 'account', skip: 1, times: 2 });
    const terminals = Array.from({ length: 5 }, () => faults.forCall({ operation: 'ReadVms' }).terminal);
    expect(terminals).toEqual([
      undefined,
      { action: 'throttle', scope: 'account' },
      { action: 'throttle', scope: 'account' },
      undefined,
      undefined,
    ]);
    expect(faults.forCall({ operation: 'CreateVms' }).terminal).toBeUndefined();
    expect(faults.list()[0]).toMatchObject({ matched: 5, fired: 2 });
  });

  it('matches by resource kind and account, adds latencies and keeps the first terminal fault', () => {
    const faults = new FaultInjector();
    faults.add({ resource: 'image', action: 'latency', ms: 50 });
    faults.add({ operation: '*', action: 'latency', ms: 20 });
    faults.add({ resource: 'image', account: 'other', action: 'server-error', status: 503 });
    faults.add({ operation: '*', action: 'reset', phase: 'after' });
    expect(faults.forCall({ operation: 'CreateImage', accountAlias: 'other' })).toEqual({
      latencyMs: 70,
      terminal: { action: 'server-error', status: 503 },
    });
    expect(faults.forCall({ operation: 'ReadVms', accountAlias: 'other' })).toEqual({
      latencyMs: 20,
      terminal: { action: 'reset', phase: 'after' },
    });
  });

  it('uses the injected random source for probabilities', () => {
    const draws = [0.1, 0.9];
    const faults = new FaultInjector(() => draws.shift() ?? 0);
    faults.add({ operation: 'ReadVms', action: 'reset', probability: 0.5 });
    expect(faults.forCall({ operation: 'ReadVms' }).terminal).toBeDefined();
    expect(faults.forCall({ operation: 'ReadVms' }).terminal).toBeUndefined();
  });

  it('gives visibility windows and SSH drops per resource kind', () => {
    const faults = new FaultInjector();
    faults.add({ resource: ['vm', 'image'], action: 'not-found-after-create', ms: 3000 });
    faults.add({ operation: 'CreateVolume', action: 'not-found-after-create', ms: 500 });
    faults.add({ resource: 'vm', action: 'ssh-disconnect', ms: 10, times: 1 });
    expect(faults.invisibilityAfterCreate('vm')).toBe(3000);
    expect(faults.invisibilityAfterCreate('volume')).toBe(500);
    expect(faults.invisibilityAfterCreate('keypair')).toBe(0);
    expect(faults.sshDisconnectDelays()).toEqual([10]);
    expect(faults.sshDisconnectDelays()).toEqual([]);
  });

  it('validates rules and files, naming what is wrong', () => {
    const faults = new FaultInjector();
    expect(() => faults.add({ action: 'throttle' })).toThrow(/needs 'operation' or 'resource'/);
    expect(() => faults.add({ operation: 'ReadVms', action: 'explode' } as never)).toThrow();
    expect(
      faultsFileSchema.safeParse({ faults: [{ operation: 'ReadVms', action: 'latency', ms: 5, extra: 1 }] }).success,
    ).toBe(false);
  });
});
