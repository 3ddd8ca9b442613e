/** One file of an artifact, as the manifest records it. */
export interface ManifestArtifactFile {
  name: string;
  size: number;
}

/** One build entry of Packer's manifest (`builds[]`). */
export interface ManifestBuild {
  name: string;
  builder_type: string;
  /** Unix seconds; 0 (`strip_time`) leaves the key out, as Go's `omitempty` does. */
  build_time: number;
  files: ManifestArtifactFile[] | null;
  artifact_id: string;
  packer_run_uuid: string;
  custom_data: Record<string, string> | null;
}

/** Packer's manifest file. */
export interface ManifestFile {
  builds: ManifestBuild[];
  last_run_uuid: string;
}

/**
 * Reads an existing manifest as Packer does (decoding into its structure: unknown keys are dropped, missing
 * ones get zero values), or an empty one for empty text. Throws on invalid JSON.
 */
export function parseManifest(text: string): ManifestFile {
  if (text.trim() === '') return { builds: [], last_run_uuid: '' };
  const raw: unknown = JSON.parse(text);
  const object = isRecord(raw) ? raw : {};
  const builds = Array.isArray(object.builds) ? object.builds : [];
  return { builds: builds.map(normalizeBuild), last_run_uuid: stringOf(object.last_run_uuid) };
}

/** Adds a build to the manifest and makes its run the last one. */
export function appendBuild(manifest: ManifestFile, build: ManifestBuild, runUuid: string): ManifestFile {
  return { builds: [...manifest.builds, build], last_run_uuid: runUuid };
}

/**
 * Writes the manifest exactly as Packer's Go code does: two-space indentation, keys in Packer's order,
 * `build_time` omitted when 0, no trailing newline, and `<`, `>`, `&` escaped as Go's encoder escapes them.
 */
export function formatManifest(manifest: ManifestFile): string {
  const ordered = {
    builds: manifest.builds.map((build) => ({
      name: build.name,
      builder_type: build.builder_type,
      ...(build.build_time !== 0 ? { build_time: build.build_time } : {}),
      files: build.files?.map((file) => ({ name: file.name, size: file.size })) ?? null,
      artifact_id: build.artifact_id,
      packer_run_uuid: build.packer_run_uuid,
      custom_data: build.custom_data,
    })),
    last_run_uuid: manifest.last_run_uuid,
  };
  return JSON.stringify(ordered, null, 2)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}

function normalizeBuild(value: unknown): ManifestBuild {
  const build = isRecord(value) ? value : {};
  const files = Array.isArray(build.files)
    ? build.files.map((file) => {
        const f = isRecord(file) ? file : {};
        return { name: stringOf(f.name), size: typeof f.size === 'number' ? f.size : 0 };
      })
    : null;
  const custom = isRecord(build.custom_data)
    ? Object.fromEntries(Object.entries(build.custom_data).map(([k, v]) => [k, stringOf(v)]))
    : null;
  return {
    name: stringOf(build.name),
    builder_type: stringOf(build.builder_type),
    build_time: typeof build.build_time === 'number' ? build.build_time : 0,
    files,
    artifact_id: stringOf(build.artifact_id),
    packer_run_uuid: stringOf(build.packer_run_uuid),
    custom_data: custom,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
