import type { Image } from '@osc-packer/oapi-client';
import { describe, expect, it } from 'vitest';
import { OutscaleBuildError } from './outscale-build-error';
import { chooseSourceImage } from './source-omi-choice';

const image = (id: string, created: string, extra: Partial<Image> = {}): Image => ({
  ImageId: id,
  ImageName: `name-${id}`,
  AccountId: '123456789012',
  CreationDate: created,
  State: 'available',
  RootDeviceType: 'bsu',
  ...extra,
});
const queries = [{ ImageNames: ['debian-*'], AccountAliases: ['Outscale'] }];

function failure(run: () => unknown): OutscaleBuildError {
  try {
    run();
  } catch (error) {
    if (OutscaleBuildError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('did not fail');
}

describe('chooseSourceImage', () => {
  it('takes the only match', () => {
    expect(chooseSourceImage([image('ami-1', '2026-01-01T00:00:00Z')], { mostRecent: false, queries }).ImageId).toBe(
      'ami-1',
    );
  });

  it('names the filters when nothing matches, and the matches that are not available', () => {
    expect(failure(() => chooseSourceImage([], { mostRecent: false, queries })).message).toBe(
      'no OMI was found matching filters: {"ImageNames":["debian-*"],"AccountAliases":["Outscale"]}',
    );
    const pending = failure(() =>
      chooseSourceImage([image('ami-2', '2026-01-01T00:00:00Z', { State: 'pending' })], { mostRecent: false, queries }),
    );
    expect(pending.message).toContain('these match but are not available:\n  ami-2 "name-ami-2" owner 123456789012');
    expect(pending.kind).toBe('source-omi');
  });

  it('lists the candidates when several match, and takes the newest with most_recent', () => {
    const images = [
      image('ami-old', '2025-01-01T00:00:00.000Z', { AccountAlias: 'Outscale' }),
      image('ami-new', '2026-06-01T00:00:00.000Z'),
      image('ami-mid', '2025-09-01T00:00:00.000Z'),
    ];
    const ambiguous = failure(() => chooseSourceImage(images, { mostRecent: false, queries }));
    expect(ambiguous.message).toContain(
      'your query returned more than one result (3). Please try a more specific search, or set most_recent to true. Candidates:\n',
    );
    expect(ambiguous.message).toContain(
      '  ami-old "name-ami-old" owner Outscale (123456789012), created 2025-01-01T00:00:00.000Z, available',
    );
    expect(chooseSourceImage(images, { mostRecent: true, queries }).ImageId).toBe('ami-new');
  });

  it('accepts bsu (and ebs) roots only', () => {
    const instance = image('ami-3', '2026-01-01T00:00:00Z', { RootDeviceType: 'instance-store' });
    expect(failure(() => chooseSourceImage([instance], { mostRecent: false, queries })).message).toBe(
      "the provided source OMI has an invalid root device type. Expected 'bsu', got 'instance-store' (ami-3)",
    );
    const ebs = image('ami-4', '2026-01-01T00:00:00Z', { RootDeviceType: 'ebs' });
    expect(chooseSourceImage([ebs], { mostRecent: false, queries }).ImageId).toBe('ami-4');
  });
});
