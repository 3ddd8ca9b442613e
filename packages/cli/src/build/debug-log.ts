import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createLineLogger, type Logger, noopLogger, type SecretRegistry } from '@osc-packer/builder-core';
import type { CliIo } from '../cli-io';

/** The run's diagnostics log and where it goes (for the "logging to" line). */
export interface DebugLog {
  readonly logger: Logger;
  /** `stderr`, a file path, or undefined when logging is off. */
  readonly destination: string | undefined;
}

/**
 * Packer's debug log: on when `PACKER_LOG` is set to anything but `0` or empty, written to stderr, or
 * appended to `PACKER_LOG_PATH` when that is set. Every line goes through the run's secret registry.
 */
export function createDebugLog(io: CliIo, secrets: SecretRegistry): DebugLog {
  const flag = io.env.PACKER_LOG?.trim();
  if (!flag || flag === '0') return { logger: noopLogger, destination: undefined };
  const path = io.env.PACKER_LOG_PATH?.trim();
  if (path) {
    const file = resolve(io.cwd, path);
    // Synchronous appends keep lines in order and survive a forced exit right after them.
    return { logger: createLineLogger({ secrets, write: (line) => appendFileSync(file, line) }), destination: file };
  }
  return { logger: createLineLogger({ secrets, write: (line) => io.stderr.write(line) }), destination: 'stderr' };
}
