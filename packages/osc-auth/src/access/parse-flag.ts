import { CredentialsConfigError } from '../errors/credentials-config-error';

const truthy = new Set(['true', 'yes', '1', 'on']);
const falsy = new Set(['false', 'no', '0', 'off', '']);

/**
 * Reads a yes/no setting written as text (`true`/`yes`/`1`/`on`, `false`/`no`/`0`/`off`, any case).
 * Anything else is a CredentialsConfigError naming `where`, rather than a silent "no".
 */
export function parseFlag(value: string | boolean, where: string): boolean {
  if (typeof value === 'boolean') return value;
  const word = value.trim().toLowerCase();
  if (truthy.has(word)) return true;
  if (falsy.has(word)) return false;
  throw new CredentialsConfigError(`${where} must be true or false (got '${value}')`, where);
}
