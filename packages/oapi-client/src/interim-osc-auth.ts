// INTERIM: stand-ins with the exact signatures of what the osc-auth helper is landing in
// @osc-packer/osc-auth (clock skew, redaction). Deleted before this branch lands on main.

export const sensitive = '<sensitive>';

export function diagnoseClockSkew(options: {
  serverDate: string | undefined;
  now: Date;
  thresholdSeconds?: number;
}): { skewSeconds: number; message: string } | undefined {
  if (options.serverDate === undefined) return undefined;
  const server = Date.parse(options.serverDate);
  if (Number.isNaN(server)) return undefined;
  const skewSeconds = Math.round((options.now.getTime() - server) / 1000);
  if (Math.abs(skewSeconds) < (options.thresholdSeconds ?? 60)) return undefined;
  return { skewSeconds, message: `The local clock is ${Math.abs(skewSeconds)} seconds off; synchronise it with NTP.` };
}

export function maskAccessKey(accessKey: string): string {
  const key = accessKey.trim();
  return key.length < 12 ? sensitive : `${key.slice(0, 4)}…${key.slice(-4)}`;
}

type HeaderValue = string | string[] | undefined;
export function redactHeaders(headers: Readonly<Record<string, HeaderValue>>): Record<string, HeaderValue> {
  const out: Record<string, HeaderValue> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = name.toLowerCase() === 'authorization' ? sensitive : value;
  }
  return out;
}

const secretField = /(password|passphrase|secret|secretkey|secret_key|privatekey|private_key)$/i;
export function redactFields<T>(value: T): T {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v !== 'object' || v === null) return v;
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(v)) {
      copy[key] = secretField.test(key) && item !== null && item !== undefined && item !== '' ? sensitive : walk(item);
    }
    return copy;
  };
  return walk(value) as T;
}

export function createSecretScrubber(secrets: Iterable<string>): (text: string) => string {
  const list = [...secrets].filter((s) => s.trim() !== '').sort((a, b) => b.length - a.length);
  return (text) => list.reduce((out, secret) => out.split(secret).join(sensitive), text);
}
