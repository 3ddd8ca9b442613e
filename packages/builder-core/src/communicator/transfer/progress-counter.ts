/** Adds up transferred bytes and reports the running total to an optional progress callback. */
export class ProgressCounter {
  private done = 0;

  constructor(
    private readonly total: number | undefined,
    private readonly report: ((done: number, total: number | undefined) => void) | undefined,
  ) {}

  add(bytes: number): void {
    this.done += bytes;
    this.report?.(this.done, this.total);
  }
}
