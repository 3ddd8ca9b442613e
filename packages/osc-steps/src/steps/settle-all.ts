/**
 * Awaits every task (none is abandoned half-way when another fails) and returns their values in order; when
 * some fail, throws the only failure, or an AggregateError whose message lists them all.
 */
export async function settleAll<T>(tasks: readonly Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(tasks);
  const reasons = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  if (reasons.length === 1) throw reasons[0];
  if (reasons.length > 1) {
    const messages = reasons.map((reason) => (reason instanceof Error ? reason.message : String(reason)));
    throw new AggregateError(reasons, `${reasons.length} of ${results.length} failed: ${messages.join('; ')}`);
  }
  return results.map((result) => (result as PromiseFulfilledResult<T>).value);
}
