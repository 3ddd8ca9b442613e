import type { KeysOutcome } from '../access/access-settings';
import { CredentialsConfigError } from '../errors/credentials-config-error';
import { keysProvider } from './keys-provider';
import type { CredentialProvider } from './osc-credentials';

/** Keys given directly (a template's `access_key`/`secret_key`, or a program's own settings). */
export interface StaticKeys {
  accessKey?: string | undefined;
  secretKey?: string | undefined;
}

export interface FromStaticOptions {
  /** Names the source in messages and in `credentials.source`; defaults to `template`. */
  source?: string;
  /** How the two keys are called where the user wrote them; defaults to the template keys. */
  keyNames?: readonly [accessKey: string, secretKey: string];
}

/**
 * Credentials written down by the caller. Both keys empty: not configured here. Only one of them:
 * CredentialsConfigError naming the missing key.
 */
export function fromStatic(keys: StaticKeys, options: FromStaticOptions = {}): CredentialProvider {
  return async (callOptions) => keysProvider(staticKeys(keys, options))(callOptions);
}

/** What static keys amount to: a pair, nothing, or a half pair (broken). */
export function staticKeys(keys: StaticKeys, options: FromStaticOptions = {}): KeysOutcome {
  const source = options.source ?? 'template';
  const [akName, skName] = options.keyNames ?? ['access_key', 'secret_key'];
  const accessKey = nonEmpty(keys.accessKey);
  const secretKey = nonEmpty(keys.secretKey);
  if (accessKey !== undefined && secretKey !== undefined) return { found: { accessKey, secretKey, source } };
  if (accessKey === undefined && secretKey === undefined) {
    return { notFound: `${source}: neither ${akName} nor ${skName} is set` };
  }
  const [set, missing] = accessKey === undefined ? [skName, akName] : [akName, skName];
  const message = `${source}: ${set} is set but ${missing} is not; the two keys must both be set or both be left out`;
  return { broken: new CredentialsConfigError(message, `${source} ${missing}`) };
}

/** A trimmed string, or undefined when absent or blank. */
export function nonEmpty(value: string | undefined | null): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
