// INTERIM: stand-ins for what the osc-auth helper is adding to @osc-packer/osc-auth (redaction helpers and
// clock-skew diagnosis). Deleted before this branch lands on main; the real ones are used instead.

export interface ClockSkewDiagnosis {
  skewSeconds: number;
  message: string;
}

export function diagnoseClockSkew(input: { serverDate: string | Date; now: Date }): ClockSkewDiagnosis | undefined {
  const server = input.serverDate instanceof Date ? input.serverDate : new Date(input.serverDate);
  if (Number.isNaN(server.getTime())) return undefined;
  const skewSeconds = Math.round((input.now.getTime() - server.getTime()) / 1000);
  if (Math.abs(skewSeconds) < 300) return undefined;
  return {
    skewSeconds,
    message: `the local clock is off by ${Math.abs(skewSeconds)} seconds; synchronise it (NTP)`,
  };
}

export function maskAccessKey(accessKey: string): string {
  return accessKey.length <= 8 ? '****' : `${accessKey.slice(0, 4)}****${accessKey.slice(-4)}`;
}

export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = name.toLowerCase() === 'authorization' ? '[REDACTED]' : value;
  }
  return out;
}

export interface SecretScrubber {
  add(secret: string): void;
  scrub(text: string): string;
}

export function createSecretScrubber(): SecretScrubber {
  const secrets = new Set<string>();
  return {
    add(secret) {
      if (secret.length >= 4) secrets.add(secret);
    },
    scrub(text) {
      let out = text;
      for (const secret of secrets) out = out.split(secret).join('[REDACTED]');
      return out;
    },
  };
}
