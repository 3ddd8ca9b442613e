import { faultRuleSchema } from '@osc-packer/local-cloud';
import { describe, expect, it } from 'vitest';
import { parseFaultFlag } from './parse-fault-flag';

describe('--fault flags', () => {
  it('reads key=value pairs into a fault rule local-cloud accepts', () => {
    const rule = parseFaultFlag('operation=ReadVms|CreateVms,action=throttle,scope=account,times=2,probability=0.5');
    expect(rule).toEqual({
      operation: ['ReadVms', 'CreateVms'],
      action: 'throttle',
      scope: 'account',
      times: 2,
      probability: 0.5,
    });
    expect(faultRuleSchema.safeParse(rule).success).toBe(true);
    expect(parseFaultFlag('resource=vm,action=ssh-disconnect,ms=3000')).toEqual({
      resource: 'vm',
      action: 'ssh-disconnect',
      ms: 3000,
    });
  });

  it('names the pair it cannot read', () => {
    expect(() => parseFaultFlag('operation=ReadVms,throttle')).toThrow("'throttle' is not key=value");
    expect(() => parseFaultFlag('action=latency,ms=soon')).toThrow('ms must be a number');
  });
});
