import type { ProgressTracker, TargetableUi } from '../ui/ui';
import { UiInputError } from '../ui/ui-input-error';

/** One thing a {@link RecordingUi} was asked to print or ask. */
export interface UiEvent {
  kind: 'say' | 'message' | 'error' | 'machine' | 'ask' | 'progress';
  /** The target of the Ui it went through (a build name), if any. */
  target: string | undefined;
  /** The message, question, machine type or progress label. */
  text: string;
  /** Machine-readable data fields. */
  data?: readonly string[];
}

/** Options of a {@link RecordingUi}. */
export interface RecordingUiOptions {
  /** Answers given to questions in order; once used up, questions wait for {@link RecordingUi.answer}. */
  answers?: readonly string[];
  /** false: `ask` rejects as without a terminal. Default true. */
  interactive?: boolean;
}

interface Shared {
  events: UiEvent[];
  answers: string[];
  waitingAsks: ((answer: string) => void)[];
  watchers: { match: (event: UiEvent) => boolean; resolve: (event: UiEvent) => void }[];
  interactive: boolean;
}

/**
 * A Ui for tests: records everything, answers questions from a script or on demand, and lets a test wait for
 * an event (instead of sleeping) before it acts, e.g. to press Ctrl-C while a given step runs.
 */
export class RecordingUi implements TargetableUi {
  readonly #shared: Shared;
  readonly #target: string | undefined;

  constructor(options: RecordingUiOptions = {}, shared?: Shared, target?: string) {
    this.#shared = shared ?? {
      events: [],
      answers: [...(options.answers ?? [])],
      waitingAsks: [],
      watchers: [],
      interactive: options.interactive ?? true,
    };
    this.#target = target;
  }

  /** Every event, from this Ui and all Uis derived from it, in order. */
  get events(): readonly UiEvent[] {
    return this.#shared.events;
  }

  /** The texts of the events of one kind (all kinds when omitted). */
  texts(kind?: UiEvent['kind']): string[] {
    return this.#shared.events.filter((e) => kind === undefined || e.kind === kind).map((e) => e.text);
  }

  /** Answers the oldest waiting question, or the next one asked. */
  answer(text: string): void {
    const waiting = this.#shared.waitingAsks.shift();
    if (waiting) waiting(text);
    else this.#shared.answers.push(text);
  }

  /** Resolves with the first event (already recorded or to come) that matches. */
  waitFor(match: (event: UiEvent) => boolean): Promise<UiEvent> {
    const found = this.#shared.events.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.#shared.watchers.push({ match, resolve }));
  }

  withTarget(target: string): RecordingUi {
    return new RecordingUi({}, this.#shared, target);
  }

  say(message: string): void {
    this.#record({ kind: 'say', target: this.#target, text: message });
  }

  message(message: string): void {
    this.#record({ kind: 'message', target: this.#target, text: message });
  }

  error(message: string): void {
    this.#record({ kind: 'error', target: this.#target, text: message });
  }

  machine(type: string, ...data: string[]): void {
    this.#record({ kind: 'machine', target: this.#target, text: type, data });
  }

  ask(question: string, signal?: AbortSignal): Promise<string> {
    this.#record({ kind: 'ask', target: this.#target, text: question });
    if (!this.#shared.interactive) return Promise.reject(new UiInputError('no interactive terminal'));
    const scripted = this.#shared.answers.shift();
    if (scripted !== undefined) return Promise.resolve(scripted);
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<string>((resolve, reject) => {
      const onAbort = () => {
        this.#shared.waitingAsks.splice(this.#shared.waitingAsks.indexOf(give), 1);
        reject(signal?.reason);
      };
      const give = (answer: string) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(answer);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#shared.waitingAsks.push(give);
    });
  }

  trackProgress(label: string): ProgressTracker {
    this.#record({ kind: 'progress', target: this.#target, text: label });
    return { update: () => {}, close: () => {} };
  }

  #record(event: UiEvent): void {
    this.#shared.events.push(event);
    for (const watcher of [...this.#shared.watchers]) {
      if (!watcher.match(event)) continue;
      this.#shared.watchers.splice(this.#shared.watchers.indexOf(watcher), 1);
      watcher.resolve(event);
    }
  }
}
