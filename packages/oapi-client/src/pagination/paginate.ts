import type { ItemOf, PageOptions, PaginatedOperation, RequestOf, ResponseOf } from '../client/oapi-client';
import { operationInfo } from '../generated/oapi-types';
import type { CallFn } from '../idempotency/recovery';

/**
 * Yields the pages of a paginated operation (oapi-facts §5): sends the input, then the input with each
 * returned `NextPageToken` until an answer has none. The token is opaque and passed back unchanged. A token
 * seen twice ends with an error rather than an endless loop.
 */
export async function* paginate<Op extends PaginatedOperation>(
  call: CallFn,
  operation: Op,
  input: RequestOf<Op>,
  options: PageOptions = {},
): AsyncGenerator<ResponseOf<Op>, void, undefined> {
  const first: Record<string, unknown> = { ...input };
  if (options.resultsPerPage !== undefined && first.ResultsPerPage === undefined) {
    first.ResultsPerPage = options.resultsPerPage;
  }
  const seen = new Set<string>();
  let request = first;
  for (;;) {
    const page = await call(operation, request as RequestOf<Op>, { signal: options.signal });
    yield page;
    const next = (page as { NextPageToken?: unknown }).NextPageToken;
    if (typeof next !== 'string' || next === '') return;
    if (seen.has(next)) {
      throw new Error(`${operation} returned the same NextPageToken twice; stopping instead of looping forever`);
    }
    seen.add(next);
    request = { ...first, NextPageToken: next };
  }
}

/** Reads every page and concatenates their items (the operation's `itemsField`, e.g. `Vms`). */
export async function readAll<Op extends PaginatedOperation>(
  call: CallFn,
  operation: Op,
  input: RequestOf<Op>,
  options: PageOptions = {},
): Promise<ItemOf<Op>[]> {
  const field = operationInfo[operation].itemsField;
  const items: ItemOf<Op>[] = [];
  for await (const page of paginate(call, operation, input, options)) {
    const list = field === null ? undefined : (page as Record<string, unknown>)[field];
    if (Array.isArray(list)) items.push(...(list as ItemOf<Op>[]));
  }
  return items;
}
