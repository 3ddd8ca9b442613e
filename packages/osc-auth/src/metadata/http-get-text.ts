import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** A short GET's outcome: the status and body, or the error code that stopped it. */
export type GetOutcome = { status: number; body: string } | { failed: string };

const maxBody = 4096;

/**
 * GETs a small text resource with node:http, bounded by `signal`. node:http rather than the global fetch:
 * fetch loads its implementation on first use, which on a busy machine can eat a short time budget
 * before any packet is sent. Rejects only with the signal's reason; other failures are returned.
 */
export function httpGetText(url: URL, signal: AbortSignal): Promise<GetOutcome> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(url, { method: 'GET', signal, headers: { accept: 'text/plain' } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
        if (body.length > maxBody) request.destroy(new Error('answer too long'));
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      response.on('error', (error) => settleError(error));
    });
    const settleError = (error: Error & { code?: string }) => {
      if (signal.aborted) reject(signal.reason);
      else resolve({ failed: error.code ?? error.message });
    };
    request.on('error', settleError);
    request.end();
  });
}
