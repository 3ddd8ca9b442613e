export interface ClockSkewOptions {
  /** The HTTP `Date` header of the API's answer (RFC 7231 IMF-fixdate), as received. */
  serverDate: string | undefined;
  /** The local clock at the time the answer arrived. */
  now: Date;
  /** Smallest difference worth reporting; defaults to 60 s (HTTP dates have one-second precision). */
  thresholdSeconds?: number;
}

export interface ClockSkew {
  /** Local time minus server time, in whole seconds: positive when the local clock is ahead. */
  skewSeconds: number;
  message: string;
}

/** How far the API lets a signature's timestamp be from its own clock. */
const signatureWindowSeconds = 300;

/**
 * Compares the local clock with the server's `Date` header, for an `AuthFailure` answer: a signature made
 * with a clock more than 5 minutes off is refused with the same error as a wrong key. Returns undefined
 * when the header is missing or unreadable or the difference is under the threshold. Pure.
 */
export function diagnoseClockSkew(options: ClockSkewOptions): ClockSkew | undefined {
  if (options.serverDate === undefined) return undefined;
  const server = Date.parse(options.serverDate);
  if (Number.isNaN(server)) return undefined;
  const skewSeconds = Math.round((options.now.getTime() - server) / 1000);
  const threshold = options.thresholdSeconds ?? 60;
  if (Math.abs(skewSeconds) < threshold) return undefined;
  const direction = skewSeconds > 0 ? 'ahead of' : 'behind';
  const size = Math.abs(skewSeconds);
  const verdict =
    size > signatureWindowSeconds
      ? 'Requests signed more than 5 minutes away from the API clock are refused with AuthFailure, so this is ' +
        'the likely cause, not the keys.'
      : 'That is within the 5 minutes the API tolerates, so it is probably not the cause, but it is close.';
  const message =
    `The local clock is ${duration(size)} ${direction} the Outscale API's clock ` +
    `(local ${options.now.toISOString()}, server ${new Date(server).toISOString()}). ${verdict} ` +
    'Synchronise the clock with NTP (Linux: `sudo timedatectl set-ntp true`, or `sudo chronyc makestep` ' +
    'with chrony; macOS: `sudo sntp -sS time.apple.com`; Windows: `w32tm /resync`), see "Checking that ' +
    'system time is current" in the Packer Outscale documentation.';
  return { skewSeconds, message };
}

function duration(seconds: number): string {
  if (seconds < 120) return `${seconds} seconds`;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const parts = [hours > 0 ? `${hours} h` : '', minutes > 0 ? `${minutes} min` : '', rest > 0 ? `${rest} s` : ''];
  return `${parts.filter(Boolean).join(' ')} (${seconds} seconds)`;
}
