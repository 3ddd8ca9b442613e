import { CredentialsNotFoundError } from '../errors/credentials-not-found-error';
import type { CredentialProvider } from './osc-credentials';

/**
 * Tries providers in order and returns the first credentials found. Moves on only when a provider throws
 * CredentialsNotFoundError ("not configured here"); any other error ("configured but broken", an abort)
 * stops the chain and is rethrown as is. When every provider finds nothing, throws a
 * CredentialsNotFoundError whose message lists what each one said.
 */
export function chain(...providers: CredentialProvider[]): CredentialProvider {
  return async (options) => {
    const tried: string[] = [];
    for (const provider of providers) {
      options?.signal?.throwIfAborted();
      try {
        return await provider(options);
      } catch (error) {
        if (!CredentialsNotFoundError.isInstance(error)) throw error;
        tried.push(...(error.tried.length > 0 ? error.tried : [error.message]));
      }
    }
    const lines = tried.map((line) => `  - ${line}`).join('\n');
    throw new CredentialsNotFoundError(`No Outscale credentials found. Looked in:\n${lines}`, tried);
  };
}
