import { maskAccessKey } from '../interim-osc-auth';

/**
 * Body fields whose values never reach a log: private keys (CreateKeypair), Windows admin passwords
 * (ReadAdminPassword), secret keys (access-key and export-task calls), passwords (CheckAuthentication) and
 * user data (cloud-init scripts routinely carry credentials).
 */
const secretFields = new Set(['PrivateKey', 'AdminPassword', 'SecretKey', 'SecretAccessKey', 'Password', 'UserData']);
/** Access key ids are not secret alone, but are masked like osc-auth masks them elsewhere. */
const accessKeyFields = new Set(['AccessKeyId', 'ApiKeyId']);

function redactValue(key: string, value: unknown): unknown {
  if (secretFields.has(key)) {
    return typeof value === 'string' ? `[REDACTED ${value.length} chars]` : '[REDACTED]';
  }
  if (accessKeyFields.has(key) && typeof value === 'string') return maskAccessKey(value);
  return redactBody(value);
}

/** A deep copy of a request or response body with secret fields replaced by `[REDACTED …]`. */
export function redactBody(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => redactBody(item));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) out[key] = redactValue(key, field);
  return out;
}

/** The values of a body's secret fields (long enough to matter), so echoes of them can be scrubbed elsewhere. */
export function secretValuesOf(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) secretValuesOf(item, found);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, field] of Object.entries(value)) {
      const secret = secretFields.has(key) || accessKeyFields.has(key);
      if (secret && typeof field === 'string' && field.length >= 4) found.push(field);
      else secretValuesOf(field, found);
    }
  }
  return found;
}

/** Replaces every occurrence of the given secrets in a text. */
export function scrubValues(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join('[REDACTED]');
  return out;
}
