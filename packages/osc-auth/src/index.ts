/** What the template says, the injectable world, and what resolveAccess returns. */
export type { AccessInput, AccessWorld, ResolvedAccess, TlsOptions } from './access/access-input';
/** Everything needed to call the API (credentials, region, endpoint, TLS, algorithm) from all sources. */
export { resolveAccess } from './access/resolve-access';
/** Says how far off the local clock is, from an AuthFailure answer's Date header. */
export { type ClockSkew, type ClockSkewOptions, diagnoseClockSkew } from './clock-skew/diagnose-clock-skew';
/** Tries providers in order; moves on only when one says "not configured here". */
export { chain } from './credentials/chain';
/** File access for config and certificate files (injectable). */
export { type FileSystem, nodeFileSystem } from './credentials/config-file';
/** Keys from `OSC_ACCESS_KEY`/`OSC_SECRET_KEY` (or the deprecated `OUTSCALE_*` pair). */
export { type FromEnvOptions, fromEnv } from './credentials/from-env';
/** Keys from a profile of `~/.osc/config.json` (or `OSC_CONFIG_FILE`). */
export { type FromProfileFileOptions, fromProfileFile } from './credentials/from-profile-file';
/** Keys given directly, e.g. the template's `access_key`/`secret_key`. */
export { type FromStaticOptions, fromStatic, type StaticKeys } from './credentials/from-static';
/** Caches a provider's credentials (failures are retried). */
export { memoize } from './credentials/memoize';
/** An access key pair with its source, and the provider function type. */
export { type CredentialProvider, makeCredentials, type OscCredentials } from './credentials/osc-credentials';
/** Environment variable names osc-auth reads beyond the `OSC_*` ones, and their deprecated aliases. */
export { type Env, legacyVariables, metadataDisabledVariable } from './credentials/read-environment';
/** Regions with a derivable endpoint, the default region, and host/region helpers. */
export { defaultRegion, knownRegions, regionDomain, regionOfHost } from './endpoint/known-regions';
/** The API base URL for a region or a custom endpoint in any form users write. */
export { type ResolveEndpointOptions, resolveEndpoint } from './endpoint/resolve-endpoint';
/** "Configured but broken": the chain stops, the message says what and where. */
export { CredentialsConfigError } from './errors/credentials-config-error';
/** "Not configured here": the chain moves on. */
export { CredentialsNotFoundError } from './errors/credentials-not-found-error';
/** Unknown region without a custom endpoint, or a malformed endpoint. */
export { EndpointError } from './errors/endpoint-error';
/** The chain's last link: says clearly that Outscale VMs have no instance credentials. */
export { type FromMetadataOptions, fromMetadata } from './metadata/from-metadata';
/** The VM's region from the metadata service, with a short timeout and an injectable base URL. */
export {
  defaultMetadataBaseUrl,
  defaultMetadataTimeoutMs,
  type MetadataOptions,
  type MetadataRegion,
  readMetadataRegion,
} from './metadata/read-metadata-region';
/** An access key partially shown (`ABCD…6789`). */
export { maskAccessKey } from './redaction/mask-access-key';
/** A JSON body with secret fields (PrivateKey, AdminPassword, SecretKey…) replaced. */
export { redactFields } from './redaction/redact-fields';
/** Headers fit for a log: Authorization keeps scheme and scope, loses its signature. */
export { redactAuthorization, redactHeaders } from './redaction/redact-headers';
/** Replaces given secrets and PEM private-key blocks in text with `<sensitive>`. */
export { createSecretScrubber } from './redaction/secret-scrubber';
/** `<sensitive>`, the placeholder for scrubbed values. */
export { sensitive } from './redaction/sensitive';
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
