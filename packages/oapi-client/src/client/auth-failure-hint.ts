import { diagnoseClockSkew } from '@osc-packer/osc-auth';

/**
 * The advice for an HTTP 401: a skewed local clock (the API rejects signatures more than 5 minutes off,
 * oapi-facts §2), judged from the answer's `Date` header; otherwise what else makes the API refuse the keys.
 */
export function authFailureHint(serverDate: string | undefined, now: Date, codes: readonly string[]): string {
  const skew = diagnoseClockSkew({ serverDate, now });
  if (skew) return skew.message;
  if (codes.includes('13') || codes.includes('11')) {
    return 'Too many failed authentications locked the access key for a while (1 to 10 minutes); wait, then check the keys';
  }
  return 'Check the access key and secret key, and that the region and endpoint are the ones of their account';
}
