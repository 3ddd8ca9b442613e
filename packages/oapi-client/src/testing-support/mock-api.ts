import { type Interceptable, MockAgent } from 'undici';
import type { OapiClientOptions } from '../client/client-options';
import { createOapiClient } from '../client/create-oapi-client';
import type { OapiClient } from '../client/oapi-client';
import { type FakeClock, fakeClock } from './fake-clock';

/** Test keys in the shape of real ones (20-character access key, 40-character secret key). */
export const testKeys = {
  accessKey: 'ABCDEFGHIJ0123456789',
  secretKey: '0123456789ABCDEFGHIJabcdefghij0123456789',
} as const;

const mockOrigin = 'https://api.eu-west-2.outscale.com';

/** One request the mock API received. */
export interface SeenRequest {
  operation: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  rawBody: string;
}

/** undici's MockAgent for exact fault sequences, with a client wired to it and to a fake clock. */
export interface MockApi {
  agent: MockAgent;
  pool: Interceptable;
  clock: FakeClock;
  client: OapiClient;
  /** Every request received so far, in order (undici's call history, so failed ones too). */
  readonly seen: SeenRequest[];
  /** Answers the next request to `operation` (status and JSON body, optional headers). */
  reply(operation: string, status: number, body: unknown, headers?: Record<string, string>): void;
  /** Fails the next request to `operation` with a transport error of this code (ECONNRESET, ...). */
  fail(operation: string, code: string): void;
}

function headersOf(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (raw && typeof raw === 'object') {
    for (const [name, value] of Object.entries(raw)) out[name.toLowerCase()] = String(value);
  }
  return out;
}

/** A mock API with request capture; `random` is fixed at 0.5 unless overridden. */
export function mockApi(options: Partial<OapiClientOptions> = {}): MockApi {
  const agent = new MockAgent({ enableCallHistory: true });
  agent.disableNetConnect();
  const pool = agent.get(mockOrigin);
  const clock = fakeClock();
  const client = createOapiClient({
    endpoint: `${mockOrigin}/api/v1/`,
    region: 'eu-west-2',
    credentials: testKeys,
    dispatcher: agent,
    rateLimit: false,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    ...options,
  });
  return {
    agent,
    pool,
    clock,
    client,
    get seen() {
      return (agent.getCallHistory()?.calls() ?? []).map((log) => {
        const rawBody = typeof log.body === 'string' ? log.body : '';
        return {
          operation: log.path.replace('/api/v1/', ''),
          headers: headersOf(log.headers),
          body: rawBody ? JSON.parse(rawBody) : {},
          rawBody,
        };
      });
    },
    reply(operation, status, body, headers = {}) {
      const data = typeof body === 'string' ? body : JSON.stringify(body);
      pool
        .intercept({ path: `/api/v1/${operation}`, method: 'POST' })
        .reply(status, data, { headers: { 'content-type': 'application/json', ...headers } });
    },
    fail(operation, code) {
      const error = Object.assign(new Error(`simulated ${code}`), { code });
      pool.intercept({ path: `/api/v1/${operation}`, method: 'POST' }).replyWithError(error);
    },
  };
}
