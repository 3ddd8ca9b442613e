import { describe, expect, it } from 'vitest';
import { sharingRequests } from './step-share-omi';

describe('sharingRequests', () => {
  it('shares the OMI with accounts and everyone, and its snapshots with accounts only', () => {
    expect(
      sharingRequests(
        { accountIds: ['111111111111'], globalPermission: true, snapshotAccountIds: ['111111111111', '222222222222'] },
        'ami-1',
        ['snap-1', 'snap-2'],
      ),
    ).toEqual({
      image: {
        ImageId: 'ami-1',
        PermissionsToLaunch: { Additions: { AccountIds: ['111111111111'], GlobalPermission: true } },
      },
      snapshots: ['snap-1', 'snap-2'].map((SnapshotId) => ({
        SnapshotId,
        PermissionsToCreateVolume: { Additions: { AccountIds: ['111111111111', '222222222222'] } },
      })),
    });
  });

  it('asks for nothing when nothing is shared, and shares snapshots alone with snapshot_account_ids', () => {
    expect(
      sharingRequests({ accountIds: [], globalPermission: false, snapshotAccountIds: [] }, 'ami-1', ['snap-1']),
    ).toEqual({
      snapshots: [],
    });
    const snapshotsOnly = sharingRequests(
      { accountIds: [], globalPermission: false, snapshotAccountIds: ['3'] },
      'ami-1',
      ['snap-1'],
    );
    expect(snapshotsOnly.image).toBeUndefined();
    expect(snapshotsOnly.snapshots).toHaveLength(1);
  });
});
