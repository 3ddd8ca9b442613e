import {
  createHumanUi,
  createMachineReadableUi,
  type Logger,
  type SecretRegistry,
  shouldUseColor,
  type TargetableUi,
} from '@osc-packer/builder-core';
import type { CliIo } from '../cli-io';

/** What picks the run's output: Packer's `-machine-readable`, `-color` and `-timestamp-ui`. */
export interface BuildUiChoice {
  readonly machineReadable: boolean;
  readonly color: boolean | undefined;
  readonly timestampUi: boolean;
}

function isTty(stream: NodeJS.WritableStream): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}

/**
 * The run's Ui: machine-readable records, or Packer's human output (coloured when `shouldUseColor` says so,
 * timestamped with `-timestamp-ui`, asking on stdin when it is a terminal). Both scrub the run's secrets and
 * mirror every line into the debug log.
 */
export function createBuildUi(io: CliIo, choice: BuildUiChoice, secrets: SecretRegistry, log: Logger): TargetableUi {
  if (choice.machineReadable) return createMachineReadableUi({ stdout: io.stdout, secrets, log });
  const tty = isTty(io.stdout);
  return createHumanUi({
    stdout: io.stdout,
    stderr: io.stderr,
    stdin: io.stdin,
    isTTY: tty,
    columns: (io.stdout as { columns?: number }).columns,
    color: shouldUseColor({ flag: choice.color, env: io.env, isTTY: tty }),
    timestamps: choice.timestampUi,
    secrets,
    log,
  });
}
