import { type ReceivedRequest, verifySignature } from '@osc-packer/osc-auth';
import type { Account, AccountRegistry } from '../accounts/account-registry';
import { errors } from './errors';

/** The outcome of checking a request's signature. */
export type Authentication = { ok: true; account: Account } | { ok: false; reason: string; signedAt?: Date };

/** How far a signature's timestamp may be from the server clock: 5 minutes, as on Outscale. */
export const maxSkewMs = 5 * 60_000;

/** Verifies an OSC4/AWS4 signature against the registry's keys, at the server time `now`. */
export function authenticate(request: ReceivedRequest, accounts: AccountRegistry, now: Date): Authentication {
  const verification = verifySignature(request, {
    lookupSecretKey: (accessKey) => accounts.byAccessKey(accessKey)?.secretKey,
    now,
    maxSkewMs,
  });
  if (verification.ok) {
    const account = accounts.byAccessKey(verification.accessKey);
    if (account) return { ok: true, account };
    return { ok: false, reason: 'unknown-access-key' };
  }
  return { ok: false, reason: verification.reason, signedAt: verification.signedAt };
}

/** The answer the gateway gives a request whose signature it refused. */
export function authenticationError(auth: Extract<Authentication, { ok: false }>) {
  if (auth.reason === 'unsupported-algorithm') return errors.unknownAuthorizationType();
  return errors.authenticationFailed();
}
