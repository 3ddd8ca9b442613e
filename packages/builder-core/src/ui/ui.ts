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

/**
 * A Ui that can hand out Uis attributed to a target (a build, or `build (post-processor)`): the process-wide
 * output the cli creates once, and each build's own Ui.
 */
export interface TargetableUi extends Ui {
  /**
   * A Ui whose output is prefixed with (human) or attributed to (machine-readable) `target`. It keeps this
   * Ui's colour unless `colorIndex` picks the colour of the build at that index.
   */
  withTarget(target: string, colorIndex?: number): TargetableUi;
}
