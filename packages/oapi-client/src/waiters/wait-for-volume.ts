import type { OapiClient } from '../client/oapi-client';
import type { Volume } from '../generated/oapi-types';
import { type PollResult, type WaitOptions, waitFor } from './wait-for';
import { setOptions } from './waiter-options';

/** A volume in one of these states will not become available or linked. */
const volumeFailureStates: readonly string[] = ['error', 'deleting'];

/** Default deadline of volume waits. */
const volumeTimeoutMs = 10 * 60_000;

type Judge = (volume: Volume) => PollResult<Volume> | undefined;

function describeLinks(volume: Volume): string {
  const links = (volume.LinkedVolumes ?? []).map((link) => `${link.State ?? 'unknown'} to ${link.VmId ?? '?'}`);
  return links.length > 0 ? `${volume.State ?? 'unknown'}, link ${links.join(', ')}` : (volume.State ?? 'unknown');
}

function waitForVolume(
  client: Pick<OapiClient, 'call'>,
  volumeId: string,
  target: string,
  judge: Judge,
  options: WaitOptions,
): Promise<Volume> {
  return waitFor(
    async (signal): Promise<PollResult<Volume>> => {
      const { Volumes = [] } = await client.call('ReadVolumes', { Filters: { VolumeIds: [volumeId] } }, { signal });
      const volume = Volumes.find((candidate) => candidate.VolumeId === volumeId);
      if (!volume) return { status: 'not-found' };
      const state = volume.State ?? 'unknown';
      if (volumeFailureStates.includes(state)) return { status: 'failed', observed: state };
      return judge(volume) ?? { status: 'pending', observed: describeLinks(volume) };
    },
    { timeoutMs: volumeTimeoutMs, ...setOptions(options), description: `volume ${volumeId} to be ${target}` },
  );
}

/** Waits until a volume is `available` (created, or unlinked); fails on `error` or `deleting`. */
export function waitForVolumeAvailable(
  client: Pick<OapiClient, 'call'>,
  volumeId: string,
  options: WaitOptions = {},
): Promise<Volume> {
  return waitForVolume(
    client,
    volumeId,
    'available',
    (volume) => (volume.State === 'available' ? { status: 'done', value: volume } : undefined),
    options,
  );
}

/**
 * Waits until a volume is `in-use` with its link `attached` (to `vmId` when given, else every link); fails on
 * `error` or `deleting`.
 */
export function waitForVolumeLinked(
  client: Pick<OapiClient, 'call'>,
  volumeId: string,
  options: WaitOptions & { vmId?: string } = {},
): Promise<Volume> {
  const { vmId, ...waitOptions } = options;
  return waitForVolume(
    client,
    volumeId,
    vmId ? `linked to vm ${vmId}` : 'linked',
    (volume) => {
      const links = (volume.LinkedVolumes ?? []).filter((link) => !vmId || link.VmId === vmId);
      const attached = links.length > 0 && links.every((link) => link.State === 'attached');
      return volume.State === 'in-use' && attached ? { status: 'done', value: volume } : undefined;
    },
    waitOptions,
  );
}

/** Waits until a volume is unlinked: `available` with no link left that is not `detached`. */
export function waitForVolumeUnlinked(
  client: Pick<OapiClient, 'call'>,
  volumeId: string,
  options: WaitOptions = {},
): Promise<Volume> {
  return waitForVolume(
    client,
    volumeId,
    'unlinked',
    (volume) => {
      const linked = (volume.LinkedVolumes ?? []).some((link) => link.State !== 'detached');
      return volume.State === 'available' && !linked ? { status: 'done', value: volume } : undefined;
    },
    options,
  );
}
