import type { FiltersImage, Image } from '@osc-packer/oapi-client';
import { OutscaleBuildError } from './outscale-build-error';

const listed = 10;

/** One line per OMI: id, name, owner, creation date, state. */
export function describeImages(images: readonly Image[]): string {
  const lines = images.slice(0, listed).map((image) => {
    const owner = image.AccountAlias ? `${image.AccountAlias} (${image.AccountId})` : (image.AccountId ?? '?');
    return `  ${image.ImageId} "${image.ImageName ?? ''}" owner ${owner}, created ${image.CreationDate ?? '?'}, ${image.State ?? '?'}`;
  });
  if (images.length > listed) lines.push(`  ... and ${images.length - listed} more`);
  return lines.join('\n');
}

/** The ReadImages filters of a lookup, as users can read them. */
function describeQueries(queries: readonly FiltersImage[]): string {
  return queries.map((query) => JSON.stringify(query)).join(' or ');
}

function newestFirst(a: Image, b: Image): number {
  const time = (image: Image) => Date.parse(image.CreationDate ?? '') || 0;
  return time(b) - time(a) || (b.ImageId ?? '').localeCompare(a.ImageId ?? '');
}

/** The root device types that mean a BSU-backed OMI (Outscale answers `bsu`; some versions say `ebs`). */
const bsuRootTypes = new Set(['bsu', 'ebs']);

/**
 * Picks the source OMI among what the lookup found (Packer's rules, with the candidates and filters in every
 * message): none is an error naming the filters; several without `most_recent` an error listing them;
 * `most_recent` takes the newest. Only `available` OMIs count; the root device must be BSU.
 */
export function chooseSourceImage(
  found: readonly Image[],
  options: { mostRecent: boolean; queries: readonly FiltersImage[] },
): Image {
  const usable = found.filter((image) => image.State === undefined || image.State === 'available');
  if (usable.length === 0) {
    const others = found.length > 0 ? `; these match but are not available:\n${describeImages(found)}` : '';
    throw new OutscaleBuildError(
      'source-omi',
      `no OMI was found matching filters: ${describeQueries(options.queries)}${others}`,
    );
  }
  if (usable.length > 1 && !options.mostRecent) {
    throw new OutscaleBuildError(
      'source-omi',
      `your query returned more than one result (${usable.length}). Please try a more specific search, or set most_recent to true. Candidates:\n${describeImages(usable)}`,
    );
  }
  const image = [...usable].sort(newestFirst)[0] as Image;
  const root = image.RootDeviceType ?? 'bsu';
  if (!bsuRootTypes.has(root.toLowerCase())) {
    throw new OutscaleBuildError(
      'source-omi',
      `the provided source OMI has an invalid root device type. Expected 'bsu', got '${root}' (${image.ImageId})`,
    );
  }
  return image;
}
