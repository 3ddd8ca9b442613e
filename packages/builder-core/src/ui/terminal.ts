import { LineReader } from './line-reader';
import { type Logger, noopLogger } from './logger';
import { formatProgress } from './progress-format';
import { SecretRegistry } from './secret-registry';
import type { ProgressTracker } from './ui';
import { UiInputError } from './ui-input-error';

/** The streams and world a human-readable Ui writes to; injected so tests and embedders can capture them. */
export interface TerminalOptions {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Where answers to `ask` come from; absent: `ask` rejects with {@link UiInputError}. */
  stdin?: NodeJS.ReadableStream;
  /** Whether stdout is a terminal: progress is drawn only there. */
  isTTY?: boolean;
  /** Terminal width for the progress line; default 80. */
  columns?: number;
  secrets?: SecretRegistry;
  /** Mirrors every printed line (Packer logs `ui: ...`). */
  log?: Logger;
  now?: () => Date;
}

interface ProgressEntry {
  label: string;
  total: number | undefined;
  done: number;
  startedAt: number;
}

const redrawIntervalMs = 100;
const clearLine = '\r\x1b[2K';

/**
 * The output shared by every build of a run: serialises writes and questions, scrubs secrets, and keeps one
 * progress status line at the bottom of a TTY, redrawn under the lines printed above it.
 */
export class Terminal {
  readonly secrets: SecretRegistry;
  readonly log: Logger;
  readonly now: () => Date;
  readonly #options: TerminalOptions;
  readonly #reader: LineReader | undefined;
  readonly #progress = new Set<ProgressEntry>();
  #statusDrawn = false;
  #lastDraw = 0;
  #ticker: ReturnType<typeof setInterval> | undefined;
  #askQueue: Promise<unknown> = Promise.resolve();

  constructor(options: TerminalOptions) {
    this.#options = options;
    this.secrets = options.secrets ?? new SecretRegistry();
    this.log = options.log ?? noopLogger;
    this.now = options.now ?? (() => new Date());
    this.#reader = options.stdin ? new LineReader(options.stdin) : undefined;
  }

  /** Writes a complete line to stdout (already scrubbed and decorated by the caller). */
  out(line: string): void {
    this.#write(this.#options.stdout, `${line}\n`);
  }

  /** Writes a complete line to stderr. */
  err(line: string): void {
    this.#write(this.#options.stderr, `${line}\n`);
  }

  /** Prints the prompt and waits for one line of input; one question at a time across all builds. */
  ask(prompt: string, signal?: AbortSignal): Promise<string> {
    const reader = this.#reader;
    if (!reader) {
      return Promise.reject(new UiInputError(`cannot ask "${prompt}": no interactive terminal`));
    }
    const answer = this.#askQueue.then(async () => {
      signal?.throwIfAborted();
      this.#write(this.#options.stdout, `${prompt} `);
      this.log.info(`ui: ask: ${prompt}`);
      try {
        return (await reader.readLine(signal)).trim();
      } catch (error) {
        // Start further output on a fresh line after an interrupted question.
        this.#write(this.#options.stdout, '\n');
        throw error;
      }
    });
    this.#askQueue = answer.catch(() => undefined);
    return answer;
  }

  /** Starts a progress entry; drawn only on a TTY. */
  track(label: string, total: number | undefined): ProgressTracker {
    if (!this.#options.isTTY) return { update: () => {}, close: () => {} };
    const entry: ProgressEntry = { label, total, done: 0, startedAt: this.now().getTime() };
    this.#progress.add(entry);
    this.#startTicker();
    this.#drawStatus(true);
    return {
      update: (done) => {
        entry.done = done;
        this.#drawStatus(false);
      },
      close: () => {
        if (!this.#progress.delete(entry)) return;
        if (this.#progress.size === 0) this.#stopTicker();
        this.#drawStatus(true);
      },
    };
  }

  #write(stream: NodeJS.WritableStream, text: string): void {
    if (this.#statusDrawn) {
      this.#options.stdout.write(clearLine);
      this.#statusDrawn = false;
    }
    stream.write(text);
    if (this.#progress.size > 0 && text.endsWith('\n')) this.#drawStatus(true);
  }

  #drawStatus(force: boolean): void {
    const at = this.now().getTime();
    if (!force && at - this.#lastDraw < redrawIntervalMs) return;
    this.#lastDraw = at;
    const width = Math.max(20, (this.#options.columns ?? 80) - 1);
    const text = [...this.#progress]
      .map((entry) => formatProgress(entry.label, entry.done, entry.total, at - entry.startedAt))
      .join('  |  ');
    const line = this.secrets.scrub(text).slice(0, width);
    this.#options.stdout.write(clearLine + line);
    this.#statusDrawn = line !== '';
    if (!this.#statusDrawn) this.#options.stdout.write(clearLine);
  }

  #startTicker(): void {
    if (this.#ticker) return;
    // Waits without byte counts still show their elapsed time moving.
    this.#ticker = setInterval(() => this.#drawStatus(true), 1000);
    this.#ticker.unref?.();
  }

  #stopTicker(): void {
    if (this.#ticker) clearInterval(this.#ticker);
    this.#ticker = undefined;
  }
}
