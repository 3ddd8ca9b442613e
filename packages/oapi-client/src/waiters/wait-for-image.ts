import type { OapiClient } from '../client/oapi-client';
import type { Image } from '../generated/oapi-types';
import { type PollResult, type WaitOptions, waitFor } from './wait-for';

function stateMessage(image: Image): string | undefined {
  const comment = image.StateComment;
  if (!comment) return undefined;
  const parts = [comment.StateCode, comment.StateMessage].filter((part) => part !== undefined && part !== '');
  return parts.length > 0 ? parts.join(': ') : undefined;
}

/**
 * Waits until an OMI is `available` (ReadImages). Fails at once when it is `failed`, with the API's
 * `StateComment` (code and message). Returns the image as last read.
 */
export function waitForImageAvailable(
  client: Pick<OapiClient, 'call'>,
  imageId: string,
  options: WaitOptions = {},
): Promise<Image> {
  return waitFor(
    async (signal): Promise<PollResult<Image>> => {
      const { Images = [] } = await client.call('ReadImages', { Filters: { ImageIds: [imageId] } }, { signal });
      const image = Images.find((candidate) => candidate.ImageId === imageId);
      if (!image) return { status: 'not-found' };
      const observed = image.State ?? 'unknown';
      if (observed === 'available') return { status: 'done', value: image };
      if (observed === 'failed') return { status: 'failed', observed, reason: stateMessage(image) };
      return { status: 'pending', observed };
    },
    { ...options, description: `image ${imageId} to be available` },
  );
}
