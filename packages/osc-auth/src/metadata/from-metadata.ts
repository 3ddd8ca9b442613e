import type { CredentialProvider } from '../credentials/osc-credentials';
import { type Env, metadataDisabledVariable, readEnvironment } from '../credentials/read-environment';
import { CredentialsNotFoundError } from '../errors/credentials-not-found-error';
import { type MetadataOptions, type MetadataRegion, readMetadataRegion } from './read-metadata-region';

export interface FromMetadataOptions extends MetadataOptions {
  /** Defaults to `process.env` (for `OSC_METADATA_DISABLED`). */
  env?: Env;
  /** Why the service must not be asked (e.g. `skip_metadata_api_check is set`); overrides the variable. */
  skipReason?: string | undefined;
  /** A lookup already made (resolveAccess shares one between region and credentials). */
  lookup?: (signal: AbortSignal | undefined) => Promise<MetadataRegion>;
}

const where =
  'set access_key/secret_key in the template, OSC_ACCESS_KEY/OSC_SECRET_KEY, or a profile in ~/.osc/config.json';

/**
 * The last link of the chain. Outscale has no instance credentials (nothing like an AWS instance role),
 * so this provider never returns keys: it always throws CredentialsNotFoundError, saying whether this
 * machine is an Outscale VM and where keys must come from instead. Skipped without any network access
 * when `OSC_METADATA_DISABLED` is true.
 */
export function fromMetadata(options: FromMetadataOptions = {}): CredentialProvider {
  return async (callOptions) => {
    const skipReason =
      options.skipReason ??
      (readEnvironment(options.env ?? process.env).metadataDisabled ? `${metadataDisabledVariable} is set` : undefined);
    if (skipReason !== undefined) {
      throw new CredentialsNotFoundError(
        `VM metadata: not asked (${skipReason}); Outscale VMs have no instance credentials anyway; ${where}`,
      );
    }
    const answer = await (options.lookup ?? ((signal) => readMetadataRegion({ ...options, signal })))(
      callOptions?.signal,
    );
    if ('region' in answer) {
      throw new CredentialsNotFoundError(
        `VM metadata: this is an Outscale VM in ${answer.region}, but Outscale gives VMs no credentials ` +
          `(there is no instance role); ${where}`,
      );
    }
    throw new CredentialsNotFoundError(
      `VM metadata: not an Outscale VM (${answer.unavailable}), and Outscale VMs have no credentials anyway; ${where}`,
    );
  };
}
