import type { KeysOutcome } from '../access/access-settings';
import { CredentialsNotFoundError } from '../errors/credentials-not-found-error';
import { type CredentialProvider, makeCredentials } from './osc-credentials';

/** A provider over what a source said about keys: returns the pair, or throws the "not found"/"broken" error. */
export function keysProvider(keys: KeysOutcome): CredentialProvider {
  return async () => {
    if ('found' in keys) return makeCredentials(keys.found.accessKey, keys.found.secretKey, keys.found.source);
    if ('broken' in keys) throw keys.broken;
    throw new CredentialsNotFoundError(keys.notFound);
  };
}
