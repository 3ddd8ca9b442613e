import type { Artifact, GeneratedData } from '@osc-packer/builder-core';
import type { OapiClient } from '@osc-packer/oapi-client';
import { deleteImageAndSnapshots, type ResourceEnv } from '@osc-packer/osc-steps';

/** What an OMI artifact is made of. */
export interface OmiArtifactFields {
  builderId: string;
  /** The resolved Region (template, environment, profile or default: never empty). */
  region: string;
  imageId: string;
  snapshotIds: readonly string[];
  sourceImageId: string;
  generatedData: GeneratedData;
  /** Opens a client to delete the OMI with (the build's own is closed by then); the artifact closes it. */
  openClient: () => OapiClient;
}

/**
 * The OMI a build made (reference §4.1): id `<region>:<ami-id>` with the resolved Region, Packer's string
 * form, `generated_data`, `atlas.artifact.metadata` and `par.artifact.metadata` (with the source OMI, never
 * panicking), and `destroy` deleting the OMI and its snapshots (the Go plugin panicked and would have left
 * the snapshots).
 */
export class OmiArtifact implements Artifact {
  readonly builderId: string;
  readonly id: string;
  readonly files: readonly string[] = [];
  readonly #fields: OmiArtifactFields;

  constructor(fields: OmiArtifactFields) {
    this.#fields = fields;
    this.builderId = fields.builderId;
    this.id = `${fields.region}:${fields.imageId}`;
  }

  /** The OMI id. */
  get imageId(): string {
    return this.#fields.imageId;
  }

  toString(): string {
    return `OMIs were created:\n${this.#fields.region}: ${this.#fields.imageId}\n`;
  }

  state(name: string): unknown {
    const { region, imageId, sourceImageId, generatedData } = this.#fields;
    switch (name) {
      case 'generated_data':
        return generatedData;
      case 'atlas.artifact.metadata':
        return { [`region.${region}`]: imageId };
      case 'par.artifact.metadata':
        return [
          { ImageID: imageId, ProviderName: 'osc', ProviderRegion: region, SourceImageID: sourceImageId, Labels: {} },
        ];
      default:
        return undefined;
    }
  }

  async destroy(signal?: AbortSignal): Promise<void> {
    const client = this.#fields.openClient();
    const env: ResourceEnv = { client, waiter: {} };
    try {
      await deleteImageAndSnapshots(env, this.#fields.imageId, {
        knownSnapshotIds: this.#fields.snapshotIds,
        ...(signal ? { signal } : {}),
      });
    } finally {
      await client.close();
    }
  }
}
