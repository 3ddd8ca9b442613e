import { MachineError } from '../runtime/machine-error';

/**
 * A VM cannot start because this machine cannot isolate it from the host. local-cloud never runs a
 * template's commands unisolated, so it refuses and says what is missing and how to get it.
 */
export class IsolationUnavailableError extends MachineError {
  readonly missing: string;
  readonly howToEnable: string;

  constructor(vmId: string, missing: string, howToEnable: string) {
    super(
      'isolation-unavailable',
      `local-cloud cannot start ${vmId}: VM commands must run isolated from the host, but ${missing} is not available here. To fix: ${howToEnable}.`,
    );
    this.name = 'IsolationUnavailableError';
    this.missing = missing;
    this.howToEnable = howToEnable;
  }
}
