import {
  type ConfigBlock,
  type ConfigIssue,
  createInterpolationContext,
  type DecodeResult,
  decodeConfig,
} from '@osc-packer/builder-core';

/** The interpolation context of the config tests: a fixed clock, one user variable. */
export const testInterpolation = createInterpolationContext({
  now: new Date(Date.UTC(2026, 10, 26, 22, 11, 19)),
  userVariables: { empty: '', size: '40' },
  cwd: '/nonexistent',
});

/** Decodes raw keys with one block, with the test interpolation context. */
export function decodeBlock<T>(block: ConfigBlock<T>, raw: Record<string, unknown>): DecodeResult<T> {
  return decodeConfig(block, raw, { interpolation: testInterpolation });
}

/** The decoded value, or a thrown error listing the issues (for cases that must decode). */
export function decoded<T>(result: DecodeResult<T>): T {
  if (!result.ok) throw new Error(`expected to decode, got: ${JSON.stringify(result.issues)}`);
  return result.value;
}

/** The issues of a result (none when it decoded). */
export function issuesOf(result: DecodeResult<unknown>): ConfigIssue[] {
  return result.ok ? [] : result.issues;
}
