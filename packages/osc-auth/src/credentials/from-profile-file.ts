import { homedir as osHomedir } from 'node:os';
import { CredentialsNotFoundError } from '../errors/credentials-not-found-error';
import { configFilePath, type FileSystem, nodeFileSystem } from './config-file';
import { keysProvider } from './keys-provider';
import { loadProfile } from './load-profile';
import type { CredentialProvider } from './osc-credentials';
import { type Env, readEnvironment } from './read-environment';

export interface FromProfileFileOptions {
  /** The profile to use; defaults to `OSC_PROFILE`, then the default profile. */
  profile?: string;
  /** Defaults to `process.env` (for `OSC_PROFILE` and `OSC_CONFIG_FILE`). */
  env?: Env;
  /** Defaults to the user's home directory. */
  homedir?: string;
  fs?: FileSystem;
  /** Defaults to `process.platform` (the permission check is skipped on win32). */
  platform?: string;
  /** Receives warnings, e.g. a config file readable by other users. */
  onWarning?: (message: string) => void;
}

/**
 * Keys from a profile of the shared config file (`OSC_CONFIG_FILE`, else `~/.osc/config.json`): the
 * named profile, else the one marked `"default": true`, else `default`. A missing file or default
 * profile is "not configured here"; a missing named profile, a file that is not JSON, or a profile with
 * one key of the pair is a CredentialsConfigError saying which file and profile.
 */
export function fromProfileFile(options: FromProfileFileOptions = {}): CredentialProvider {
  return async (callOptions) => {
    const env = readEnvironment(options.env ?? process.env);
    const profile =
      options.profile !== undefined ? { value: options.profile, source: 'the profile option' } : env.profile;
    const loaded = await loadProfile({
      file: configFilePath(env.configFile, options.homedir ?? osHomedir()),
      profile,
      fs: options.fs ?? nodeFileSystem,
      platform: options.platform ?? process.platform,
    });
    if ('notFound' in loaded) throw new CredentialsNotFoundError(loaded.notFound);
    for (const warning of loaded.warnings) options.onWarning?.(warning);
    return keysProvider(loaded.settings.keys)(callOptions);
  };
}
