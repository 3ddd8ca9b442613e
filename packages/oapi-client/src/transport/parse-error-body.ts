import type { OapiErrorDetail } from '../errors/oapi-error';

/** What an error answer's body says. */
export interface ParsedErrorBody {
  errors: OapiErrorDetail[];
  requestId?: string;
  /** Set when the body was neither an OAPI `ErrorResponse` nor a problem document. */
  bodyExcerpt?: string;
}

const excerptLength = 200;

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requestIdOf(body: Record<string, unknown>): string | undefined {
  const context = body.ResponseContext;
  const id = isRecord(context) ? context.RequestId : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/**
 * Reads an error answer: OAPI's `{"Errors":[{Code,Type,Details}],"ResponseContext":{RequestId}}`, or an RFC 9457
 * `application/problem+json` document (`type`, `title`, `status`, `detail`, `instance`) as newer Outscale
 * services send (oapi-facts §4.1). Anything else is kept as a short excerpt for the error message.
 */
export function parseErrorBody(raw: string): ParsedErrorBody {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return { errors: [], bodyExcerpt: raw.trim().slice(0, excerptLength) || undefined };
  }
  if (!isRecord(body)) return { errors: [], bodyExcerpt: raw.slice(0, excerptLength) };
  const requestId = requestIdOf(body);
  if (Array.isArray(body.Errors)) {
    const errors = body.Errors.filter(isRecord).map((e) => ({
      code: text(e.Code),
      type: text(e.Type),
      details: text(e.Details),
    }));
    return requestId ? { errors, requestId } : { errors };
  }
  if ('title' in body || 'detail' in body || 'type' in body) {
    const type = text(body.title) || text(body.type) || 'Problem';
    const problem: OapiErrorDetail = { code: text(body.code), type, details: text(body.detail) };
    const instance = text(body.instance);
    return { errors: [problem], requestId: requestId ?? (instance || undefined) };
  }
  return { errors: [], requestId, bodyExcerpt: raw.slice(0, excerptLength) };
}
