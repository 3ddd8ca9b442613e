import { maskAccessKey, redactFields, sensitive } from '@osc-packer/osc-auth';

/** Access key ids are not secret alone, but are masked the way osc-auth masks them elsewhere. */
const accessKeyFields = new Set(['AccessKeyId', 'ApiKeyId']);

// Beyond osc-auth's secret fields (PrivateKey, AdminPassword, SecretKey, Password, ...): user data, since
// cloud-init scripts routinely carry credentials, and access key ids, masked.
function redactExtras(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactExtras);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (key === 'UserData' && typeof field === 'string' && field !== '') out[key] = sensitive;
    else if (accessKeyFields.has(key) && typeof field === 'string') out[key] = maskAccessKey(field);
    else out[key] = redactExtras(field);
  }
  return out;
}

/**
 * A deep copy of a request or response body fit for a debug log: osc-auth's `redactFields` (private keys,
 * admin passwords, secret keys, passwords) plus user data replaced by `<sensitive>`, access key ids masked.
 */
export function redactBody(value: unknown): unknown {
  return redactFields(redactExtras(value));
}

function collectRedacted(original: unknown, redacted: unknown, found: string[]): void {
  if (typeof original === 'string') {
    if (redacted !== original && original.length >= 4) found.push(original);
    return;
  }
  if (typeof original !== 'object' || original === null || typeof redacted !== 'object' || redacted === null) return;
  for (const [key, field] of Object.entries(original)) {
    collectRedacted(field, (redacted as Record<string, unknown>)[key], found);
  }
}

/** The values `redactBody` hides in a body, so an echo of one elsewhere (an error message) can be scrubbed. */
export function secretValuesOf(value: unknown, found: string[] = []): string[] {
  collectRedacted(value, redactBody(value), found);
  return found;
}

/** Replaces every occurrence of the given secrets in a text by `<sensitive>`. */
export function scrubValues(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(sensitive);
  return out;
}

// A secret field's value in JSON text, also when the text is cut off inside it (a truncated answer).
const secretFieldText =
  /"(\w*(?:password|passphrase|secret|secretkey|secret_key|privatekey|private_key)|UserData)"(\s*:\s*)"(?:[^"\\]|\\.)*"?/gi;

/**
 * The start of an answer that could not be parsed (an error message quotes it), with the values of secret
 * fields replaced even when the text ends inside one: a `CreateKeypair` or `ReadAdminPassword` answer cut
 * short must not put the start of a private key or password in an error message.
 */
export function redactExcerpt(text: string): string {
  return text.replace(secretFieldText, (_match, name: string, colon: string) => `"${name}"${colon}"${sensitive}"`);
}
