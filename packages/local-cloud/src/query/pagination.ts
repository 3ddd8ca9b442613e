import { createHash } from 'node:crypto';
import { errors } from '../api/errors';
import type { RequestBody } from '../api/operation';

/** One page of results and the token for the next one (absent on the last page). */
export interface Page<T> {
  items: T[];
  nextPageToken?: string;
}

// The token says where the next page starts and which request it belongs to, so a token cannot be
// replayed against other filters. It is base64, as the spec's `format: byte` asks.
function requestFingerprint(operation: string, body: RequestBody): string {
  const { NextPageToken: _token, ResultsPerPage: _size, DryRun: _dry, ...rest } = body;
  return createHash('sha256')
    .update(`${operation}\n${JSON.stringify(rest)}`)
    .digest('hex')
    .slice(0, 16);
}

function decodeToken(token: unknown, fingerprint: string): number {
  if (typeof token !== 'string') throw errors.invalidParameterType('NextPageToken', 'a string');
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { o?: unknown; f?: unknown };
    if (typeof decoded.o === 'number' && Number.isInteger(decoded.o) && decoded.o >= 0 && decoded.f === fingerprint) {
      return decoded.o;
    }
  } catch {
    // Falls through to the error below.
  }
  throw errors.invalidParameterValue('NextPageToken', token, '4047', 'The token does not belong to this request.');
}

/**
 * Cuts sorted results into the page a request asks for (`ResultsPerPage` 1-1000, `NextPageToken`).
 * Without `ResultsPerPage` everything is returned, unless the operation has a default page size.
 */
export function paginate<T>(items: readonly T[], operation: string, body: RequestBody, defaultSize?: number): Page<T> {
  const size = body.ResultsPerPage ?? defaultSize;
  if (size !== undefined && (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > 1000)) {
    throw errors.invalidParameterValue('ResultsPerPage', size, '4047', 'It must be between 1 and 1000.');
  }
  const fingerprint = requestFingerprint(operation, body);
  const start = body.NextPageToken === undefined ? 0 : decodeToken(body.NextPageToken, fingerprint);
  if (size === undefined) return { items: items.slice(start) };
  const end = start + size;
  const page: Page<T> = { items: items.slice(start, end) };
  if (end < items.length) {
    page.nextPageToken = Buffer.from(JSON.stringify({ o: end, f: fingerprint })).toString('base64');
  }
  return page;
}
