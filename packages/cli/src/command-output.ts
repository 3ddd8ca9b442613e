import { machineReadableLine, type SecretRegistry } from '@osc-packer/builder-core';
import type { CliIo } from './cli-io';

/** How a command prints: Packer's human output, or its `-machine-readable` records. */
export interface CommandOutput {
  /** A line for stdout (`ui,say` when machine-readable). */
  say(text: string): void;
  /** A line for stderr (`ui,error` when machine-readable). */
  error(text: string): void;
  /** A machine-readable record (`template-variable,...`); human output ignores it. */
  machine(type: string, ...data: string[]): void;
}

/** Makes the output of one command; everything printed is scrubbed of the registered secrets. */
export function createCommandOutput(
  io: CliIo,
  options: { machineReadable: boolean; now: () => Date; secrets: SecretRegistry },
): CommandOutput {
  const { secrets, now } = options;
  if (options.machineReadable) {
    const record = (type: string, data: readonly string[]) =>
      io.stdout.write(
        machineReadableLine(
          now(),
          '',
          type,
          data.map((item) => secrets.scrub(item)),
        ),
      );
    return {
      say: (text) => record('ui', ['say', text]),
      error: (text) => record('ui', ['error', text]),
      machine: (type, ...data) => record(type, data),
    };
  }
  return {
    say: (text) => io.stdout.write(`${secrets.scrub(text)}\n`),
    error: (text) => io.stderr.write(`${secrets.scrub(text)}\n`),
    machine: () => {},
  };
}
