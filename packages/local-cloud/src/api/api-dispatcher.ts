import { randomUUID } from 'node:crypto';
import type { AccountRegistry } from '../accounts/account-registry';
import type { Scheduler } from '../engine/scheduler';
import type { FaultInjector } from '../faults/fault-injector';
import type { CallStats } from '../stats/call-stats';
import { ApiError } from './api-error';
import { authenticate, authenticationError } from './authenticate';
import { errors } from './errors';
import type { CallContext, OperationDefinition, RequestBody } from './operation';

/** A request for `/api/v1/<Operation>`, as the HTTP layer received it. */
export interface ApiRequest {
  method: string;
  /** The path and query as received (part of the signature). */
  path: string;
  operation: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Buffer;
}

/** What to send back; `reset` asks the HTTP layer to drop the connection instead of answering. */
export interface ApiAnswer {
  status: number;
  body: string;
  contentType: string;
  reset?: boolean;
}

export interface DispatcherDeps {
  operations: ReadonlyMap<string, OperationDefinition>;
  accounts: AccountRegistry;
  faults: FaultInjector;
  stats: CallStats;
  scheduler: Scheduler;
  now: () => Date;
  onInternalError: (operation: string, error: unknown) => void;
}

function json(status: number, value: object): ApiAnswer {
  return { status, body: JSON.stringify(value), contentType: 'application/json' };
}

function errorAnswer(error: ApiError, requestId: string): ApiAnswer {
  return json(error.status, { Errors: error.entries, ResponseContext: { RequestId: requestId } });
}

// A load balancer in front of the API answers 502/504 with HTML, not the API's JSON: clients must cope.
function serverErrorAnswer(status: number, requestId: string): ApiAnswer {
  if (status === 500 || status === 503) return errorAnswer(new ApiError(status, '2000', 'InternalError'), requestId);
  const title = status === 502 ? '502 Bad Gateway' : '504 Gateway Time-out';
  return { status, contentType: 'text/html', body: `<html><body><h1>${title}</h1></body></html>\n` };
}

function parseBody(raw: Buffer): RequestBody {
  if (raw.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw errors.invalidJson();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw errors.invalidJson();
  return value as RequestBody;
}

function checkParameters(definition: OperationDefinition, body: RequestBody): void {
  for (const name of Object.keys(body)) {
    if (name !== 'DryRun' && !definition.parameters.includes(name)) throw errors.unknownParameter(name);
  }
  if (body.DryRun !== undefined && typeof body.DryRun !== 'boolean') {
    throw errors.invalidParameterType('DryRun', 'a boolean');
  }
}

/**
 * Answers one API call the way the gateway does: authentication, injected faults, request checks, DryRun,
 * then the operation itself. Never throws; every failure becomes the API's error answer.
 */
export async function dispatch(request: ApiRequest, deps: DispatcherDeps): Promise<ApiAnswer> {
  const requestId = randomUUID();
  const { operation } = request;
  deps.stats.call(operation);
  const answer = await answerCall(request, requestId, deps);
  if (answer.reset || answer.status >= 400) deps.stats.error(operation);
  return answer;
}

async function answerCall(request: ApiRequest, requestId: string, deps: DispatcherDeps): Promise<ApiAnswer> {
  const { operation } = request;
  try {
    if (request.method !== 'POST') throw errors.httpMethodNotAllowed();
    const definition = deps.operations.get(operation);
    if (!definition) throw errors.unknownOperation(operation);
    const now = deps.now();
    const auth = authenticate(request, deps.accounts, now);
    // Calls that need no signature (ReadRegions, ReadVmTypes) answer whatever signature they carry.
    if (!auth.ok && definition.signed) throw authenticationError(auth);
    const account = auth.ok ? auth.account : undefined;
    const faults = deps.faults.forCall({ operation, accountId: account?.accountId, accountAlias: account?.alias });
    if (faults.latencyMs > 0) {
      deps.stats.fault('latency');
      await deps.scheduler.sleep(faults.latencyMs);
    }
    const terminal = faults.terminal;
    if (terminal) deps.stats.fault(terminal.action);
    if (terminal?.action === 'throttle') throw errors.throttled(terminal.scope);
    if (terminal?.action === 'server-error') return serverErrorAnswer(terminal.status, requestId);
    if (terminal?.action === 'reset' && terminal.phase === 'before') return { ...json(500, {}), reset: true };
    const body = parseBody(request.body);
    checkParameters(definition, body);
    const context: CallContext = { operation, requestId, account, now };
    const output = body.DryRun === true ? {} : await definition.handle(context, body);
    if (terminal?.action === 'reset') return { ...json(500, {}), reset: true };
    return json(200, { ...output, ResponseContext: { RequestId: requestId } });
  } catch (error) {
    if (ApiError.isInstance(error)) return errorAnswer(error, requestId);
    deps.onInternalError(operation, error);
    return errorAnswer(errors.internal(), requestId);
  }
}
