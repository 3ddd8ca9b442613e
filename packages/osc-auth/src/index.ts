/** Builds the SigV4 canonical request shared by OSC4 and AWS4 signing. */
export { canonicalQuery, canonicalRequest, canonicalUri, sha256Hex } from './signing/canonical-request';
/** Signs a request for the Outscale API (OSC4 by default, AWS4 on request). */
export { type RequestToSign, type SignOptions, signRequest } from './signing/sign-request';
/** The OSC4/AWS4 names and the X-Osc-Date timestamp format. */
export { algorithmNames, type SignatureAlgorithm, signingTimestamp } from './signing/signature-algorithm';
/** Verifies a received OSC4/AWS4 signature the way the API gateway does (used by local-cloud). */
export {
  type ReceivedRequest,
  type SignatureFailureReason,
  type SignatureVerification,
  type VerifyOptions,
  verifySignature,
} from './signing/verify-signature';
