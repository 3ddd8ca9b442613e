import { type Logger, noopLogger } from './logger';
import { machineReadableLine } from './machine-readable';
import { SecretRegistry } from './secret-registry';
import { prefixLines } from './target-prefix';
import type { ProgressTracker, TargetableUi } from './ui';
import { UiInputError } from './ui-input-error';

/** Options of {@link createMachineReadableUi}. */
export interface MachineReadableUiOptions {
  stdout: NodeJS.WritableStream;
  secrets?: SecretRegistry;
  log?: Logger;
  now?: () => Date;
}

interface Sink {
  stdout: NodeJS.WritableStream;
  secrets: SecretRegistry;
  log: Logger;
  now: () => Date;
}

/**
 * Packer's `-machine-readable` output: every line `timestamp,target,type,data...`. A build's say/message/error
 * become `ui` records carrying the human line (`,,ui,say,==> name: message`, as Packer prints them), its
 * `machine` records carry the build as target (`,name,artifact,0,id,...`). It cannot ask questions.
 */
export function createMachineReadableUi(options: MachineReadableUiOptions): TargetableUi {
  const sink: Sink = {
    stdout: options.stdout,
    secrets: options.secrets ?? new SecretRegistry(),
    log: options.log ?? noopLogger,
    now: options.now ?? (() => new Date()),
  };
  return new MachineReadableUi(sink, undefined);
}

class MachineReadableUi implements TargetableUi {
  readonly #sink: Sink;
  readonly #target: string | undefined;

  constructor(sink: Sink, target: string | undefined) {
    this.#sink = sink;
    this.#target = target;
  }

  withTarget(target: string): TargetableUi {
    return new MachineReadableUi(this.#sink, target);
  }

  say(message: string): void {
    this.#record('', 'ui', ['say', this.#decorate(message, true)]);
  }

  message(message: string): void {
    this.#record('', 'ui', ['message', this.#decorate(message, false)]);
  }

  error(message: string): void {
    this.#record('', 'ui', ['error', this.#decorate(message, true)]);
  }

  machine(type: string, ...data: string[]): void {
    this.#record(this.#target ?? '', type, data);
  }

  ask(question: string): Promise<string> {
    return Promise.reject(new UiInputError(`cannot ask "${question}": machine-readable output cannot ask questions`));
  }

  trackProgress(): ProgressTracker {
    return { update: () => {}, close: () => {} };
  }

  #decorate(message: string, arrow: boolean): string {
    return this.#target === undefined ? message : prefixLines(this.#target, arrow, message);
  }

  /** Scrubs each field before escaping, so a secret containing a comma or newline is still found. */
  #record(target: string, type: string, data: readonly string[]): void {
    const secrets = this.#sink.secrets;
    const line = machineReadableLine(
      this.#sink.now(),
      secrets.scrub(target),
      type,
      data.map((field) => secrets.scrub(field)),
    );
    this.#sink.log.info(line.trimEnd());
    this.#sink.stdout.write(line);
  }
}
