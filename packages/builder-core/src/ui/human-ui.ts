import { formatRfc3339 } from './rfc3339';
import { prefixLines } from './target-prefix';
import { Terminal, type TerminalOptions } from './terminal';
import type { ProgressTracker, TargetableUi } from './ui';
import { buildColor, colorize, errorColor } from './ui-color';

/** Options of {@link createHumanUi}. */
export interface HumanUiOptions extends TerminalOptions {
  /** Colour each build's output (decide with `shouldUseColor`); default false. */
  color?: boolean;
  /** `-timestamp-ui`: prefix each build's lines with an RFC 3339 timestamp. */
  timestamps?: boolean;
}

interface Style {
  color: boolean;
  timestamps: boolean;
}

/**
 * Packer's human output: `==> name: message` headlines, `    name: message` detail, errors on stderr, one
 * colour per build when colour is on, secrets scrubbed. Returns the process-wide Ui; `withTarget` gives each
 * build its own.
 */
export function createHumanUi(options: HumanUiOptions): TargetableUi {
  const style = { color: options.color ?? false, timestamps: options.timestamps ?? false };
  return new HumanUi(new Terminal(options), style, undefined, undefined);
}

class HumanUi implements TargetableUi {
  readonly #terminal: Terminal;
  readonly #style: Style;
  readonly #target: string | undefined;
  readonly #color: number | undefined;

  constructor(terminal: Terminal, style: Style, target: string | undefined, color: number | undefined) {
    this.#terminal = terminal;
    this.#style = style;
    this.#target = target;
    this.#color = color;
  }

  withTarget(target: string, colorIndex?: number): TargetableUi {
    const color = colorIndex === undefined ? this.#color : buildColor(colorIndex);
    return new HumanUi(this.#terminal, this.#style, target, color);
  }

  say(message: string): void {
    const text = this.#decorate(message, true);
    this.#terminal.log.info(`ui: ${text}`);
    this.#terminal.out(this.#paint(text, this.#color, true));
  }

  message(message: string): void {
    const text = this.#decorate(message, false);
    this.#terminal.log.info(`ui: ${text}`);
    this.#terminal.out(this.#paint(text, this.#color, false));
  }

  error(message: string): void {
    const text = this.#decorate(message, true);
    this.#terminal.log.info(`ui error: ${text}`);
    this.#terminal.err(this.#paint(text, errorColor, true));
  }

  machine(type: string, ...data: string[]): void {
    const scrubbed = data.map((field) => this.#terminal.secrets.scrub(field));
    this.#terminal.log.debug(`machine readable: ${this.#target ?? ''},${type} ${JSON.stringify(scrubbed)}`);
  }

  ask(question: string, signal?: AbortSignal): Promise<string> {
    const prompt = this.#paint(this.#decorate(question, true), this.#color, true);
    return this.#terminal.ask(prompt, signal);
  }

  trackProgress(label: string, total?: number): ProgressTracker {
    const text = this.#target === undefined ? label : `    ${this.#target}: ${label}`;
    return this.#terminal.track(text, total);
  }

  /** Scrubs the decorated line (the target may hold a secret too) before colour codes are added. */
  #decorate(message: string, arrow: boolean): string {
    if (this.#target === undefined) return this.#terminal.secrets.scrub(message);
    const text = this.#terminal.secrets.scrub(prefixLines(this.#target, arrow, message));
    return this.#style.timestamps ? `${formatRfc3339(this.#terminal.now())}: ${text}` : text;
  }

  #paint(text: string, color: number | undefined, bold: boolean): string {
    if (!this.#style.color || color === undefined) return text;
    return colorize(text, color, bold);
  }
}
