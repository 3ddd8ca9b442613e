/** Where SSH to a VM address really goes. */
export interface SshTarget {
  readonly host: string;
  readonly port: number;
}

/**
 * Maps the address and port a builder would connect to (a VM's public or private IP, port 22) to where the
 * VM's SSH server really listens; undefined means "connect to it as it is".
 */
export type SshEndpointResolver = (host: string, port: number) => Promise<SshTarget | undefined>;

/** True for the loopback addresses a local-cloud API can listen on. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** One answer of `GET /local-cloud/ssh-endpoints`. */
interface SshEndpointsAnswer {
  endpoints: { vmId: string; addresses: string[]; ssh?: SshTarget }[];
}

function isAnswer(value: unknown): value is SshEndpointsAnswer {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { endpoints?: unknown }).endpoints) &&
    (value as SshEndpointsAnswer).endpoints.every((entry) => Array.isArray(entry?.addresses))
  );
}

/** Options of {@link externalLocalCloudResolver}. */
export interface ExternalResolverOptions {
  /** `fetch` (injected in tests). */
  fetch?: typeof fetch;
  /** How long one question to the admin endpoint may take. */
  timeoutMs?: number;
}

/**
 * Reaches the VMs of a local-cloud started separately (`osc-packer local-cloud start`, rootless: VMs listen
 * on high ports). For each API endpoint on a loopback address, asks `GET /local-cloud/ssh-endpoints` for the
 * mapping; an endpoint that does not answer it (a real cloud, or an older local-cloud) is remembered and
 * never asked again, and its addresses are used as they are. Non-loopback endpoints are never asked.
 */
export function externalLocalCloudResolver(
  apiEndpoints: () => readonly string[] | Promise<readonly string[]>,
  options: ExternalResolverOptions = {},
): SshEndpointResolver {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 5000;
  const notLocalCloud = new Set<string>();
  const ask = async (origin: string): Promise<SshEndpointsAnswer | undefined> => {
    try {
      const response = await doFetch(new URL('/local-cloud/ssh-endpoints', origin), {
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body: unknown = response.ok ? await response.json() : undefined;
      if (isAnswer(body)) return body;
    } catch {
      // Not reachable or not JSON: not a local-cloud.
    }
    notLocalCloud.add(origin);
    return undefined;
  };
  return async (host, port) => {
    const origins = new Set((await apiEndpoints()).flatMap((endpoint) => loopbackOrigin(endpoint) ?? []));
    for (const origin of origins) {
      if (notLocalCloud.has(origin)) continue;
      const answer = await ask(origin);
      const entry = answer?.endpoints.find((candidate) => candidate.addresses.includes(`${host}:${port}`));
      if (entry?.ssh) return { host: entry.ssh.host, port: entry.ssh.port };
    }
    return undefined;
  };
}

function loopbackOrigin(endpoint: string): string | undefined {
  try {
    const url = new URL(endpoint);
    return isLoopbackHost(url.hostname) ? url.origin : undefined;
  } catch {
    return undefined;
  }
}
