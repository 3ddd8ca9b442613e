import { describe, expect, it } from 'vitest';
import { retiredOmiKeys, retiredRunKeys, takeRetiredKeys } from './retired-keys';

const retired = { ...retiredOmiKeys, ...retiredRunKeys };

describe('takeRetiredKeys', () => {
  it.each([
    [
      'hvm, accepted with a warning',
      { omi_virtualization_type: 'hvm' },
      [],
      ['omi_virtualization_type: has no effect (every Outscale OMI is hvm); remove it'],
    ],
    [
      'the AWS-era name too',
      { ami_virtualization_type: 'HVM' },
      [],
      ['ami_virtualization_type: has no effect (every Outscale OMI is hvm); remove it'],
    ],
    [
      'paravirtual, an error',
      { omi_virtualization_type: 'paravirtual' },
      [{ path: 'omi_virtualization_type', message: 'Outscale OMIs are always hvm; remove it (got "paravirtual")' }],
      [],
    ],
    [
      'snapshot_groups',
      { snapshot_groups: ['all'] },
      [
        {
          path: 'snapshot_groups',
          message:
            'is not supported: snapshots are never made public; share them with accounts in snapshot_account_ids',
        },
      ],
      [],
    ],
    [
      'an empty snapshot_groups',
      { snapshot_groups: [] },
      [],
      [
        'snapshot_groups: is not supported: snapshots are never made public; share them with accounts in snapshot_account_ids; the empty value is ignored',
      ],
    ],
    [
      'spot pricing',
      { spot_price: 'auto' },
      [{ path: 'spot_price', message: 'is not supported: Outscale has no spot VMs; remove it' }],
      [],
    ],
  ])('%s', (_, raw, issues, warnings) => {
    const outcome = takeRetiredKeys({ vm_type: 't2.micro', ...raw }, retired);
    expect(outcome.rest).toEqual({ vm_type: 't2.micro' });
    expect(outcome.issues).toEqual(issues);
    expect(outcome.warnings).toEqual(warnings);
  });

  it('leaves other keys alone, including inherited names', () => {
    expect(takeRetiredKeys({ toString: 'x', omi_name: 'n' }, retired).rest).toEqual({ toString: 'x', omi_name: 'n' });
  });
});
