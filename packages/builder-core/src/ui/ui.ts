/** Progress of a long wait or transfer; implementations draw it on a TTY and do nothing elsewhere. */
export interface ProgressTracker {
  /** Sets how much is done, in the unit of the total (bytes, percent). */
  update(done: number): void;
  close(): void;
}

/**
 * What steps, provisioners and post-processors print through (Packer's packer.Ui). One Ui belongs to one
 * build and prefixes its name; every implementation scrubs registered secrets from everything it prints.
 */
export interface Ui {
  /** A headline: `==> build-name: message`. */
  say(message: string): void;
  /** Detail under the current headline: `    build-name: message` (also used for remote command output). */
  message(message: string): void;
  /** An error, on stderr in the human format: `==> build-name: message`. */
  error(message: string): void;
  /** A machine-readable record (`-machine-readable`); the human format ignores it. */
  machine(type: string, ...data: string[]): void;
  /** Asks the user a question; rejects when there is no interactive terminal or on abort. */
  ask(question: string, signal?: AbortSignal): Promise<string>;
  /** Starts tracking a long wait or transfer. */
  trackProgress(label: string, total?: number): ProgressTracker;
}
