/** What a build produced (Packer's packer.Artifact): printed, recorded by manifests, passed to post-processors. */
export interface Artifact {
  /** Identifies the builder that made it, e.g. `oapi.outscale.bsu`. */
  readonly builderId: string;
  /** Machine-readable id, e.g. `eu-west-2:ami-12345678` (comma-joined when several). */
  readonly id: string;
  /** Local files the artifact consists of (none for cloud images). */
  readonly files: readonly string[];
  /** Human description, e.g. `OMIs were created:\neu-west-2: ami-12345678\n`. */
  toString(): string;
  /** Named extra data (e.g. `generated_data`); undefined when unknown. */
  state(name: string): unknown;
  /** Deletes what the artifact consists of (used when a post-processor does not keep its input). */
  destroy(signal?: AbortSignal): Promise<void>;
}
