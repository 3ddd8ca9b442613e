/** What a scrubbed secret is replaced with (Packer's placeholder, so log scrapers keep working). */
export const sensitivePlaceholder = '<sensitive>';

/** Lines of a multi-line secret shorter than this are not registered on their own (e.g. `-----END`, `==`). */
const minLineLength = 8;

/**
 * The secrets of one run (Packer's LogSecretFilter): sensitive variables, access and secret keys, passwords,
 * private keys. Every Ui and logger of the run scrubs its output through the same registry, so a secret
 * registered by a builder halfway through a build is hidden from then on everywhere.
 */
export class SecretRegistry {
  readonly #values = new Set<string>();
  #pattern: RegExp | undefined;

  /** Registers secrets; empty and non-string values are ignored. Each line of a multi-line secret is registered too. */
  add(...values: readonly unknown[]): this {
    for (const value of values) {
      if (typeof value !== 'string' || value === '') continue;
      this.#values.add(value);
      // Remote output and logs arrive line by line, so a private key must be caught one line at a time as well.
      if (/[\r\n]/.test(value)) {
        for (const line of value.split(/\r?\n/)) {
          const trimmed = line.trim();
          if (trimmed.length >= minLineLength) this.#values.add(trimmed);
        }
      }
      this.#pattern = undefined;
    }
    return this;
  }

  /** How many distinct strings are scrubbed. */
  get size(): number {
    return this.#values.size;
  }

  /** Returns `text` with every registered secret replaced by `<sensitive>`, in one pass (longest secrets first). */
  scrub(text: string): string {
    if (this.#values.size === 0 || text === '') return text;
    this.#pattern ??= new RegExp(
      [...this.#values]
        .sort((a, b) => b.length - a.length)
        .map(escapeRegExp)
        .join('|'),
      'g',
    );
    return text.replace(this.#pattern, sensitivePlaceholder);
  }
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
