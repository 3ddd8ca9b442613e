import { sensitive } from './sensitive';

// Field names whose values are secrets in OAPI bodies and configs: Keypair.PrivateKey,
// ReadAdminPassword's AdminPassword, AccessKey.SecretKey, CheckAuthentication's Password, secret_key,
// ssh_password, winrm_password, ssh_private_key_file contents. Tokens such as ClientToken or
// NextPageToken are not secrets and stay.
const secretField = /(password|passphrase|secret|secretkey|secret_key|privatekey|private_key)$/i;

/**
 * A deep copy of a JSON-like value (a request or answer body) with the values of secret fields replaced
 * by `<sensitive>`, for debug logs. Arrays and nested objects are walked; other values are kept.
 */
export function redactFields<T>(value: T): T {
  return walk(value) as T;
}

function walk(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(walk);
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = secretField.test(key) && item !== null && item !== undefined && item !== '' ? sensitive : walk(item);
  }
  return copy;
}
