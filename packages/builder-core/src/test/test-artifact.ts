import type { Artifact } from '../build/artifact';

/** A simple artifact for tests: records whether it was destroyed, optionally fails to destroy. */
export class TestArtifact implements Artifact {
  readonly builderId: string;
  readonly id: string;
  readonly files: readonly string[];
  destroyed = false;
  readonly #description: string;
  readonly #state: Readonly<Record<string, unknown>>;
  readonly #destroyError: Error | undefined;

  constructor(options: {
    id: string;
    builderId?: string;
    files?: readonly string[];
    description?: string;
    state?: Readonly<Record<string, unknown>>;
    destroyError?: Error;
  }) {
    this.id = options.id;
    this.builderId = options.builderId ?? 'test.artifact';
    this.files = options.files ?? [];
    this.#description = options.description ?? `Test artifact ${options.id}`;
    this.#state = options.state ?? {};
    this.#destroyError = options.destroyError;
  }

  toString(): string {
    return this.#description;
  }

  state(name: string): unknown {
    return this.#state[name];
  }

  async destroy(): Promise<void> {
    if (this.#destroyError) throw this.#destroyError;
    this.destroyed = true;
  }
}
