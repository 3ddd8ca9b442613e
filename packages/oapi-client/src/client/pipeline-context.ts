import type { SignatureAlgorithm } from '@osc-packer/osc-auth';
import type { ClientScrubber } from '../logging/client-scrubber';
import type { DebugLogger } from '../logging/debug-logger';
import type { Sleep } from '../retry/abortable-sleep';
import type { RetryPolicy } from '../retry/retry-policy';
import type { HttpTransport } from '../transport/http-transport';
import type { StatsRecorder } from './client-stats';
import type { AccessKeyPair } from './credentials';
import type { RateLimiter } from './rate-limiter';

/** Everything one client's calls share: transport, signing inputs, limits, clock and observers. */
export interface PipelineContext {
  transport: HttpTransport;
  /** The endpoint's base URL, ending in `/`: `<base><Operation>` is what is sent and signed. */
  baseUrl: URL;
  /** `<base><Operation>`, built once per operation (read-only: the same URL serves every call). */
  urlOf(operation: string): URL;
  region: string;
  algorithm: SignatureAlgorithm;
  userAgent: string;
  credentials: (signal?: AbortSignal) => Promise<AccessKeyPair>;
  rateLimiter: RateLimiter;
  policy: RetryPolicy;
  now: () => Date;
  random: () => number;
  sleep: Sleep;
  logger: DebugLogger | undefined;
  scrubber: ClientScrubber;
  stats: StatsRecorder;
}
