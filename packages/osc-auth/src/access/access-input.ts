import type { FileSystem } from '../credentials/config-file';
import type { OscCredentials } from '../credentials/osc-credentials';
import type { Env } from '../credentials/read-environment';
import type { MetadataOptions } from '../metadata/read-metadata-region';
import type { SignatureAlgorithm } from '../signing/signature-algorithm';

/** What a template's access settings say; every field may be absent. */
export interface AccessInput {
  /** `access_key`. */
  accessKey?: string | undefined;
  /** `secret_key`. */
  secretKey?: string | undefined;
  /** `region`. */
  region?: string | undefined;
  /** `custom_endpoint_oapi`: a full URL, a scheme-less host, or the legacy domain suffix. */
  customEndpoint?: string | undefined;
  /** `insecure_skip_tls_verify`. */
  insecureSkipTlsVerify?: boolean | undefined;
  /** `x509_cert_path`. */
  x509CertPath?: string | undefined;
  /** `x509_key_path`. */
  x509KeyPath?: string | undefined;
  /** `profile`: a profile of the shared config file, chosen explicitly. */
  profile?: string | undefined;
  /** Defaults to `OSC4-HMAC-SHA256`. */
  signatureAlgorithm?: SignatureAlgorithm | undefined;
  /** `skip_metadata_api_check`: never ask the VM metadata service (also `OSC_METADATA_DISABLED=true`). */
  skipMetadataApiCheck?: boolean | undefined;
}

/** The outside world resolveAccess reads; every field defaults to the real one. */
export interface AccessWorld {
  /** Defaults to `process.env`. */
  env?: Env;
  /** Defaults to the user's home directory (for `~/.osc/config.json` and `~/` in paths). */
  homedir?: string;
  /** Reads config and certificate files; defaults to node:fs. */
  readFile?: FileSystem['readFile'];
  /** File modes for the permission warning; defaults to node:fs. */
  stat?: FileSystem['stat'];
  /** Defaults to `process.platform`; the permission check is skipped on win32. */
  platform?: string;
  /** The VM metadata service: base URL (local-cloud serves one on loopback) and timeout. */
  metadata?: MetadataOptions;
  /** Accepted so one world object can be shared with other packages; resolution does not read the clock. */
  now?: () => Date;
  signal?: AbortSignal;
}

/** TLS options for the transport (undici's `connect` options take them as they are). */
export interface TlsOptions {
  rejectUnauthorized: boolean;
  /** Client certificate (PEM), when x509 client authentication is configured. */
  cert?: string | Buffer;
  /** Its private key (PEM). */
  key?: string | Buffer;
}

/** Everything a client needs to talk to the API, with the source of each part (for `--debug` output). */
export interface ResolvedAccess {
  credentials: OscCredentials;
  region: string;
  regionSource: string;
  /** Base URL, ending with `/`: `new URL('ReadVms', endpoint)`. */
  endpoint: URL;
  endpointSource: string;
  tls: TlsOptions;
  /** Where the client certificate came from, when there is one. */
  tlsSource?: string;
  signatureAlgorithm: SignatureAlgorithm;
  /** Deprecations and risky settings, each once, for the UI to show. Never contain secrets. */
  warnings: string[];
}
