import { redactHeaders } from '@osc-packer/osc-auth';
import type { ClientScrubber } from './client-scrubber';
import type { DebugLogger } from './debug-logger';
import { redactBody, scrubValues, secretValuesOf } from './redact-body';

/** What one attempt did, as the pipeline saw it. */
export interface AttemptRecord {
  operation: string;
  attempt: number;
  durationMs: number;
  status?: number;
  requestId?: string;
  /** The request body as sent (parsed), redacted before logging. */
  request: unknown;
  /** The parsed answer body, redacted before logging. */
  response?: unknown;
  headers?: Readonly<Record<string, string>>;
  error?: Error;
}

/** Longest logged body: enough to debug a call, short enough that a ReadImages of the catalogue stays readable. */
const maxBodyChars = 4000;

type Scrub = (text: string) => string;

function serialise(body: unknown, scrub: Scrub): string {
  const text = scrub(JSON.stringify(redactBody(body)) ?? '');
  return text.length > maxBodyChars ? `${text.slice(0, maxBodyChars)}… (${text.length} chars)` : text;
}

function summary(record: AttemptRecord): string {
  const outcome =
    record.status !== undefined ? `HTTP ${record.status}` : `failed: ${record.error?.message ?? 'unknown error'}`;
  const id = record.requestId ? ` (request id ${record.requestId})` : '';
  return `OAPI ${record.operation} attempt ${record.attempt}: ${outcome} in ${record.durationMs} ms${id}`;
}

/**
 * Writes one debug line for an attempt: operation, status, duration, attempt, request id, and the redacted
 * bodies and headers. Secret fields are replaced (redactBody), `Authorization` is dropped (osc-auth
 * redactHeaders), and every known secret value (the secret key in use) is scrubbed from the final text.
 */
export function logAttempt(logger: DebugLogger, scrubber: ClientScrubber, record: AttemptRecord): void {
  // Secrets of this call's own bodies (an export key, a password) are scrubbed wherever they are echoed.
  const secrets = secretValuesOf(record.response, secretValuesOf(record.request));
  const scrub: Scrub = (text) => scrubValues(scrubber.scrub(text), secrets);
  const fields: Record<string, unknown> = {
    operation: record.operation,
    attempt: record.attempt,
    durationMs: record.durationMs,
  };
  if (record.status !== undefined) fields.status = record.status;
  if (record.requestId !== undefined) fields.requestId = record.requestId;
  if (record.error !== undefined) fields.error = scrub(record.error.message);
  if (record.headers !== undefined) fields.headers = redactHeaders(record.headers);
  fields.request = serialise(record.request, scrub);
  if (record.response !== undefined) fields.response = serialise(record.response, scrub);
  logger.debug(scrub(summary(record)), fields);
}
