import { z } from 'zod';

/** Lets a block's cross-field check report problems and warnings. */
export interface ConfigReporter {
  /** Reports a problem at a key path (as users write it, e.g. `omi_root_device.device_name`). */
  issue(path: string, message: string): void;
  /** Reports something accepted but worth telling (a no-op key, a risky combination). */
  warn(message: string): void;
}

/**
 * One block of configuration keys (access, run, OMI, communicator, a provisioner's own keys...): a zod object
 * schema with snake_case keys and `.describe()` on every field, plus what decoding needs to know about it.
 */
export interface ConfigBlock<T = unknown> {
  /** Names the block in docs, e.g. `SSH communicator`. */
  readonly title: string;
  readonly schema: z.ZodType<T> & { readonly shape: z.core.$ZodShape };
  /** Renamed keys: pattern of the old key (`ssh_wait_timeout`, `mappings[].old`) to the new key's name. */
  readonly aliases?: Readonly<Record<string, string>>;
  /** Key path patterns of fields rendered later, with build data (`tags`, `bsu_volumes[].tags`). */
  readonly deferred?: readonly string[];
  /** Cross-field rules, run when the block's own keys decoded. */
  check?(value: T, report: ConfigReporter): void;
}

/** Declares a block; `schema` should be a `z.strictObject` so nested unknown keys are caught too. */
export function configBlock<S extends z.ZodObject>(
  title: string,
  schema: S,
  extras: Omit<ConfigBlock<z.output<S>>, 'title' | 'schema'> = {},
): ConfigBlock<z.output<S>> {
  return { title, schema: schema as unknown as ConfigBlock<z.output<S>>['schema'], ...extras };
}

type ValueOf<B> = B extends ConfigBlock<infer T> ? T : never;
type Intersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void ? I : never;

/** Blocks composed into one configuration (a builder's or a provisioner's): what decodeConfig decodes. */
export interface ConfigSpec<T> {
  readonly title: string;
  readonly blocks: readonly ConfigBlock<unknown>[];
  /** All keys of all blocks, strict: for the JSON Schema and the docs. */
  readonly schema: z.ZodType<T> & { readonly shape: z.core.$ZodShape };
  readonly aliases: Readonly<Record<string, string>>;
  readonly deferred: readonly string[];
}

/**
 * Composes blocks into one configuration. A key may belong to one block only (a programming error
 * otherwise, thrown here). The decoded value is the blocks' values merged.
 */
export function composeConfig<const B extends readonly ConfigBlock<unknown>[]>(
  title: string,
  ...blocks: B
): ConfigSpec<Intersection<ValueOf<B[number]>>> {
  const shape: Record<string, z.core.$ZodType> = {};
  for (const block of blocks) {
    for (const [key, field] of Object.entries(block.schema.shape)) {
      if (key in shape) throw new Error(`configuration key "${key}" is declared by two blocks of ${title}`);
      shape[key] = field;
    }
  }
  const all = blocks as unknown as readonly ConfigBlock<unknown>[];
  return {
    title,
    blocks: all,
    schema: z.strictObject(shape) as unknown as ConfigSpec<Intersection<ValueOf<B[number]>>>['schema'],
    aliases: Object.assign({}, ...all.map((block) => block.aliases ?? {})),
    deferred: all.flatMap((block) => block.deferred ?? []),
  };
}
