import type { AccessSettings, Sourced } from '../access/access-settings';
import { CredentialsConfigError } from '../errors/credentials-config-error';
import { type FileSystem, readConfigFile } from './config-file';
import { profileSettings } from './profile-settings';

export interface LoadProfileOptions {
  /** The config file and why that one (`OSC_CONFIG_FILE` or the default location). */
  file: Sourced<string>;
  /** A profile asked for by name (template `profile` or `OSC_PROFILE`); otherwise the default profile. */
  profile?: Sourced<string> | undefined;
  fs: FileSystem;
  platform: string;
}

/** The chosen profile's settings, or why there is none (when nothing asked for one by name). */
export type LoadedProfile = { settings: AccessSettings; warnings: string[] } | { notFound: string };

/**
 * Picks a profile: the named one, else the one marked `"default": true`, else the one called `default`.
 * A missing file or default profile is "not found"; a missing named profile (or a file named by
 * `OSC_CONFIG_FILE` that does not exist) is a CredentialsConfigError, as are two profiles marked default.
 */
export async function loadProfile(options: LoadProfileOptions): Promise<LoadedProfile> {
  const { file, profile } = options;
  const explicitFile = file.source !== 'default location';
  const required = profile
    ? `profile "${profile.value}" was asked for by ${profile.source}`
    : explicitFile
      ? `it is named by ${file.source}`
      : undefined;
  const config = await readConfigFile(file, { required, fs: options.fs, platform: options.platform });
  if (config === undefined) return { notFound: `profile file: ${file.value} does not exist` };
  const names = Object.keys(config.profiles);
  let name: string;
  if (profile) {
    if (!Object.hasOwn(config.profiles, profile.value)) {
      const known = names.length > 0 ? `it has ${names.map((n) => `"${n}"`).join(', ')}` : 'it has no profiles';
      throw new CredentialsConfigError(
        `profile "${profile.value}" (asked for by ${profile.source}) does not exist in ${config.path}; ${known}`,
        config.path,
      );
    }
    name = profile.value;
  } else {
    const marked = names.filter((n) => (config.profiles[n] as { default?: unknown } | null)?.default === true);
    if (marked.length > 1) {
      throw new CredentialsConfigError(
        `profiles ${marked.map((n) => `"${n}"`).join(' and ')} in ${config.path} are all marked "default": true; ` +
          'keep it on one, or name the profile to use (template profile or OSC_PROFILE)',
        config.path,
      );
    }
    const chosen = marked[0] ?? (Object.hasOwn(config.profiles, 'default') ? 'default' : undefined);
    if (chosen === undefined) {
      return {
        notFound: `profile file: ${config.path} has no profile marked "default": true and none named "default"`,
      };
    }
    name = chosen;
  }
  return { settings: profileSettings(config.profiles[name], name, config.path), warnings: config.warnings };
}
