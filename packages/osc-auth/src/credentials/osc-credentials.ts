import { inspect } from 'node:util';

/** An access key pair and where it was found (for messages; never a secret). */
export interface OscCredentials {
  accessKey: string;
  secretKey: string;
  /** e.g. `template`, `environment (OSC_ACCESS_KEY/OSC_SECRET_KEY)`, `profile "gov" in /home/u/.osc/config.json`. */
  source: string;
}

/** A small async function that returns credentials, or throws CredentialsNotFoundError / CredentialsConfigError. */
export type CredentialProvider = (options?: { signal?: AbortSignal }) => Promise<OscCredentials>;

const hidden = '<sensitive>';

/**
 * Builds an OscCredentials whose secret stays out of `JSON.stringify` and `console.log`/`util.inspect`
 * output, so a stray log line cannot leak it. The fields are ordinary and readable.
 */
export function makeCredentials(accessKey: string, secretKey: string, source: string): OscCredentials {
  const credentials = { accessKey, secretKey, source };
  Object.defineProperty(credentials, 'toJSON', {
    enumerable: false,
    value: () => ({ accessKey, secretKey: hidden, source }),
  });
  Object.defineProperty(credentials, inspect.custom, {
    enumerable: false,
    value: () => `OscCredentials { accessKey: '${accessKey}', secretKey: '${hidden}', source: '${source}' }`,
  });
  return credentials;
}
