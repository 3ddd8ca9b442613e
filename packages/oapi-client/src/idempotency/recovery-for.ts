import { isNotFoundError } from '../errors/error-predicates';
import { type OperationName, operationInfo } from '../generated/oapi-types';
import type { Recovery } from './recovery';
import { recoveryTable } from './recovery-table';

const safe = { kind: 'safe' } as const;
const clientToken = { kind: 'client-token' } as const;
const unsafe = { kind: 'unsafe' } as const;
const deleteRecovery = {
  kind: 'delete',
  settle: async (_ctx: unknown, _input: unknown, error: unknown) => (isNotFoundError(error) ? {} : undefined),
} as const;

/** Writes that converge when repeated: setting tags, attributes or a VM's power state again changes nothing. */
const convergent = /^(Update|Start|Stop|Reboot)|^CreateTags$/;

/**
 * The recovery of an operation: the table's entry, else `client-token` for operations that take one, `safe`
 * for reads and convergent writes, `delete` for Delete and Unlink calls, and `unsafe` for any other write.
 */
export function recoveryFor<Op extends OperationName>(operation: Op): Recovery<Op> {
  const specific = recoveryTable[operation] as Recovery<Op> | undefined;
  if (specific) return specific;
  if (operationInfo[operation]?.clientToken) return clientToken;
  if (/^(Read|Check)/.test(operation) || convergent.test(operation)) return safe;
  if (/^(Delete|Unlink)/.test(operation)) return deleteRecovery as Recovery<Op>;
  return unsafe;
}
