import { createHash } from 'node:crypto';
import { errors } from '../api/errors';
import type { CallContext, RequestBody } from '../api/operation';
import { optionalString } from '../api/params';
import type { Cloud } from '../engine/cloud';
import { callerOf } from '../model/access';

/**
 * `ClientToken` idempotency: the first call with a token creates resources and remembers their ids; a
 * retry with the same token and the same parameters gets those resources back instead of new ones; the
 * same token with other parameters is refused.
 */
export function idempotent<T>(
  cloud: Cloud,
  context: CallContext,
  body: RequestBody,
  create: (clientToken: string | undefined) => string[],
  present: (ids: string[]) => T,
): T {
  const token = optionalString(body, 'ClientToken');
  if (token === undefined) return present(create(undefined));
  if (token.length > 64)
    throw errors.invalidParameterValue('ClientToken', token, '4047', 'It is longer than 64 characters.');
  const key = `${callerOf(context).accountId}/${context.operation}/${token}`;
  const { DryRun: _dry, ...parameters } = body;
  const fingerprint = createHash('sha256').update(JSON.stringify(parameters)).digest('hex');
  const known = cloud.state.clientTokens.get(key);
  if (known) {
    if (known.fingerprint !== fingerprint) {
      throw errors.invalidParameterValue('ClientToken', token, '4091', 'It was used with other parameters.');
    }
    return present(known.ids);
  }
  const ids = create(token);
  cloud.state.clientTokens.set(key, { fingerprint, ids });
  return present(ids);
}
