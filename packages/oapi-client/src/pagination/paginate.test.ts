import { afterEach, describe, expect, it } from 'vitest';
import { type MockApi, mockApi } from '../testing-support/mock-api';

let api: MockApi;
afterEach(async () => {
  api.agent.assertNoPendingInterceptors();
  await api.agent.close();
});

describe('pagination', () => {
  it('follows NextPageToken unchanged and reads every item', async () => {
    api = mockApi();
    api.reply('ReadSnapshots', 200, { Snapshots: [{ SnapshotId: 'snap-1' }], NextPageToken: 'dG9rZW4x' });
    api.reply('ReadSnapshots', 200, { Snapshots: [{ SnapshotId: 'snap-2' }], NextPageToken: 'dG9rZW4y' });
    api.reply('ReadSnapshots', 200, { Snapshots: [{ SnapshotId: 'snap-3' }] });
    const items = await api.client.readAll('ReadSnapshots', { Filters: { TagKeys: ['build'] } }, { resultsPerPage: 1 });
    expect(items.map((snapshot) => snapshot.SnapshotId)).toEqual(['snap-1', 'snap-2', 'snap-3']);
    expect(api.seen.map((request) => request.body)).toEqual([
      { Filters: { TagKeys: ['build'] }, ResultsPerPage: 1 },
      { Filters: { TagKeys: ['build'] }, ResultsPerPage: 1, NextPageToken: 'dG9rZW4x' },
      { Filters: { TagKeys: ['build'] }, ResultsPerPage: 1, NextPageToken: 'dG9rZW4y' },
    ]);
  });

  it('yields pages lazily and stops when the consumer does', async () => {
    api = mockApi();
    api.reply('ReadVms', 200, { Vms: [{ VmId: 'i-1' }], NextPageToken: 'next' });
    for await (const page of api.client.paginate('ReadVms', {})) {
      expect(page.Vms?.[0]?.VmId).toBe('i-1');
      break;
    }
    expect(api.seen).toHaveLength(1);
  });

  it('refuses to loop on a repeated token', async () => {
    api = mockApi();
    api.reply('ReadImages', 200, { Images: [], NextPageToken: 'same' });
    api.reply('ReadImages', 200, { Images: [], NextPageToken: 'same' });
    await expect(api.client.readAll('ReadImages', {})).rejects.toThrow(
      'ReadImages returned the same NextPageToken twice; stopping instead of looping forever',
    );
  });
});
