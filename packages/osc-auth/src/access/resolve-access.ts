import { homedir as osHomedir } from 'node:os';
import { chain } from '../credentials/chain';
import { type ConfigFilePath, configFilePath, type FileSystem, nodeFileSystem } from '../credentials/config-file';
import { nonEmpty } from '../credentials/from-static';
import { keysProvider } from '../credentials/keys-provider';
import { type LoadedProfile, loadProfile } from '../credentials/load-profile';
import type { CredentialProvider, OscCredentials } from '../credentials/osc-credentials';
import { type EnvironmentReading, metadataDisabledVariable, readEnvironment } from '../credentials/read-environment';
import { CredentialsConfigError } from '../errors/credentials-config-error';
import { CredentialsNotFoundError } from '../errors/credentials-not-found-error';
import { fromMetadata } from '../metadata/from-metadata';
import { type MetadataRegion, readMetadataRegion } from '../metadata/read-metadata-region';
import { algorithmNames, type SignatureAlgorithm } from '../signing/signature-algorithm';
import type { AccessInput, AccessWorld, ResolvedAccess } from './access-input';
import type { AccessSettings, Sourced } from './access-settings';
import { resolveLocation } from './resolve-location';
import { resolveTls } from './resolve-tls';
import { templateSettings } from './template-settings';

/**
 * Works out credentials, region, endpoint, TLS options and signature algorithm from the template, the
 * environment, the shared config file and the VM metadata service (see the README for the exact rule).
 * Keys come as a pair from the first source that has one; region, endpoint and TLS settings come field by
 * field from the first source in play that sets them. Throws CredentialsNotFoundError when no source has
 * keys (listing what was looked at), CredentialsConfigError for a broken source, and EndpointError for an
 * unknown region without a custom endpoint.
 */
export async function resolveAccess(input: AccessInput, world: AccessWorld = {}): Promise<ResolvedAccess> {
  const signatureAlgorithm = checkAlgorithm(input.signatureAlgorithm);
  const homedir = world.homedir ?? osHomedir();
  const fs: FileSystem = {
    readFile: world.readFile ?? nodeFileSystem.readFile,
    stat: world.stat ?? nodeFileSystem.stat,
  };
  const environment = readEnvironment(world.env ?? process.env);
  const warnings = new Set(environment.warnings);
  const skipMetadata = environment.metadataDisabled
    ? `${metadataDisabledVariable} is set`
    : input.skipMetadataApiCheck === true
      ? 'skip_metadata_api_check is set'
      : undefined;
  const metadata = once(() => readMetadataRegion({ ...world.metadata, signal: world.signal }));
  const found = await findCredentials(input, {
    environment,
    file: configFilePath(environment.configFile, homedir),
    fs,
    platform: world.platform ?? process.platform,
    skipMetadata,
    metadata,
    signal: world.signal,
  });
  for (const warning of found.warnings) warnings.add(warning);
  const location = await resolveLocation(found.inPlay, { metadata: skipMetadata ? undefined : metadata });
  const tls = await resolveTls(found.inPlay, { fs, homedir });
  for (const warning of [...location.warnings, ...tls.warnings]) warnings.add(warning);
  return {
    credentials: found.credentials,
    region: location.region.value,
    regionSource: location.region.source,
    endpoint: location.endpoint,
    endpointSource: location.endpointSource,
    tls: tls.tls,
    ...(tls.source === undefined ? {} : { tlsSource: tls.source }),
    signatureAlgorithm,
    warnings: [...warnings],
  };
}

interface FindContext {
  environment: EnvironmentReading;
  file: ConfigFilePath;
  fs: FileSystem;
  platform: string;
  skipMetadata: string | undefined;
  metadata: () => Promise<MetadataRegion>;
  signal: AbortSignal | undefined;
}

interface Found {
  credentials: OscCredentials;
  /** The sources whose region, endpoint and TLS settings count, in precedence order. */
  inPlay: AccessSettings[];
  warnings: string[];
}

/**
 * Runs the chain: template keys, the template's named profile, the environment, the ambient profile
 * (`OSC_PROFILE` or the default one; only when the template names none), the metadata service.
 */
async function findCredentials(input: AccessInput, ctx: FindContext): Promise<Found> {
  const warnings: string[] = [];
  const named = nonEmpty(input.profile);
  const templateProfile = named === undefined ? undefined : { value: named, source: 'the template (profile)' };
  const load = (profile: Sourced<string> | undefined) =>
    loadProfile({ file: ctx.file, profile, fs: ctx.fs, platform: ctx.platform });
  const template = templateSettings(input);
  // Named in the template, the profile counts even when the template has keys: it may hold the region.
  const explicit = templateProfile ? settingsOf(await load(templateProfile), warnings) : undefined;
  let keySource: AccessSettings | undefined;
  const from = (get: () => Promise<AccessSettings | LoadedProfile>): CredentialProvider => {
    return async (options) => {
      const got = await get();
      if ('notFound' in got) throw new CredentialsNotFoundError(got.notFound);
      if ('settings' in got) warnings.push(...got.warnings);
      const settings = 'settings' in got ? got.settings : got;
      const credentials = await keysProvider(settings.keys)(options);
      keySource = settings;
      return credentials;
    };
  };
  const providers = [from(async () => template)];
  if (explicit) providers.push(from(async () => explicit));
  providers.push(from(async () => ctx.environment.settings));
  if (!templateProfile) providers.push(from(() => load(ctx.environment.profile)));
  providers.push(fromMetadata({ skipReason: ctx.skipMetadata, env: {}, lookup: ctx.metadata }));
  const credentials = await chain(...providers)({ signal: ctx.signal });
  const inPlay = [template, ...(explicit ? [explicit] : []), ctx.environment.settings];
  if (keySource !== undefined && !inPlay.includes(keySource)) inPlay.push(keySource);
  warnings.push(...shadowWarnings(keySource, explicit, ctx.environment, templateProfile));
  return { credentials, inPlay, warnings };
}

function settingsOf(loaded: LoadedProfile, warnings: string[]): AccessSettings | undefined {
  if ('notFound' in loaded) return undefined;
  warnings.push(...loaded.warnings);
  return loaded.settings;
}

function checkAlgorithm(algorithm: string | undefined): SignatureAlgorithm {
  if (algorithm === undefined) return 'OSC4-HMAC-SHA256';
  try {
    return algorithmNames(algorithm).algorithm;
  } catch (error) {
    throw new CredentialsConfigError((error as Error).message, 'signature algorithm', { cause: error });
  }
}

/** Ambient settings that lost to a choice made elsewhere, said once so nobody wonders which keys were used. */
function shadowWarnings(
  keySource: AccessSettings | undefined,
  explicit: AccessSettings | undefined,
  environment: EnvironmentReading,
  templateProfile: Sourced<string> | undefined,
): string[] {
  const envKeys = 'found' in environment.settings.keys ? environment.settings.keys.found.source : undefined;
  if (keySource !== undefined && keySource === explicit && envKeys && templateProfile) {
    return [`keys in the ${envKeys} ignored: the template names profile "${templateProfile.value}"`];
  }
  if (keySource === environment.settings && environment.profile && !templateProfile) {
    return [`OSC_PROFILE="${environment.profile.value}" ignored: keys in the ${envKeys ?? 'environment'} come first`];
  }
  return [];
}

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => {
    result ??= fn();
    return result;
  };
}
