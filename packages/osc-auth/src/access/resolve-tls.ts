import type { FileSystem } from '../credentials/config-file';
import type { TlsOptions } from './access-input';
import { type AccessSettings, hasX509 } from './access-settings';
import { resolveClientCertificate } from './resolve-client-certificate';

/**
 * TLS options from the sources in play: verification is off when any of them turns it off (as in Packer),
 * with a warning; the client certificate comes whole from the first source that names one.
 */
export async function resolveTls(
  sources: readonly AccessSettings[],
  options: { fs: FileSystem; homedir?: string },
): Promise<{ tls: TlsOptions; source?: string; warnings: string[] }> {
  const warnings: string[] = [];
  const skip = sources.find((s) => s.tlsSkipVerify?.value === true)?.tlsSkipVerify;
  if (skip) {
    warnings.push(
      `TLS certificate verification is disabled (${skip.source}): anyone on the path can read and alter requests`,
    );
  }
  const tls: TlsOptions = { rejectUnauthorized: skip === undefined };
  const x509 = sources.find((s) => hasX509(s.x509))?.x509;
  if (x509 === undefined) return { tls, warnings };
  const certificate = await resolveClientCertificate(x509, options);
  return { tls: { ...tls, cert: certificate.cert, key: certificate.key }, source: certificate.source, warnings };
}
