import type { Step } from '@osc-packer/builder-core';
import type { FiltersImage, Image } from '@osc-packer/oapi-client';
import type { OutscaleBuildInfo } from '../config/build-info';
import type { SourceOmiConfig } from '../config/source-omi-block';
import { ownersIncludeSelf, sourceOmiQueries } from '../config/source-omi-queries';
import type { OscBuildState } from './osc-build-state';
import type { OscStepEnv } from './osc-step-env';
import { chooseSourceImage } from './source-omi-choice';

/** The build data of a source OMI in a Region (`{{ .SourceOMIName }}`, `{{ build \`SourceOMI\` }}`...). */
export function buildInfoOf(image: Image, region: string): OutscaleBuildInfo {
  return {
    BuildRegion: region,
    SourceOMI: image.ImageId ?? '',
    SourceOMIName: image.ImageName ?? '',
    SourceOMITags: Object.fromEntries((image.Tags ?? []).map((tag) => [tag.Key, tag.Value])),
    SourceOMICreationDate: image.CreationDate ?? '',
    SourceOMIOwner: image.AccountId ?? '',
    SourceOMIOwnerName: image.AccountAlias ?? '',
  };
}

/**
 * Finds the source OMI (Packer's StepSourceOMIInfo): `source_omi` and `source_omi_filter` must both match
 * (the Go plugin dropped the id when filters were set); owners may be ids, aliases or `self`; one ReadImages
 * per owner kind, merged. Provides the image and the build data, whose `BuildRegion` is the resolved Region.
 */
export function stepSourceOmi(env: OscStepEnv, config: SourceOmiConfig): Step<OscBuildState> {
  return {
    name: 'source OMI',
    provides: ['sourceImage', 'buildInfo'],
    async run({ signal, ui }, state) {
      const ownAccountId = ownersIncludeSelf(config) ? await env.accountId(signal) : undefined;
      const queries: FiltersImage[] = sourceOmiQueries(config, { ownAccountId });
      const pages = await Promise.all(
        queries.map((Filters) => env.client.readAll('ReadImages', { Filters }, { signal })),
      );
      const found = new Map<string, Image>();
      for (const image of pages.flat()) if (image.ImageId) found.set(image.ImageId, image);
      const image = chooseSourceImage([...found.values()], {
        mostRecent: config.source_omi_filter?.most_recent ?? false,
        queries,
      });
      ui.message(`Found Image ID: ${image.ImageId} (${image.ImageName ?? 'no name'})`);
      state.sourceImage = image;
      state.buildInfo = buildInfoOf(image, env.client.region);
    },
  };
}
