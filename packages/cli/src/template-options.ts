import type { Argv } from 'yargs';

/** The flags that pick variables and builds, as `build` and `validate` take them. */
export interface TemplateOptions {
  /** `-var key=value`, in command-line order. */
  readonly vars: readonly string[];
  /** `-var-file path`, in command-line order. */
  readonly varFiles: readonly string[];
  readonly only: readonly string[];
  readonly except: readonly string[];
}

/** Adds Packer's `-var`, `-var-file`, `-only` and `-except` flags (each may repeat). */
export function withTemplateOptions<T>(yargs: Argv<T>) {
  return yargs
    .option('var', { type: 'string', describe: "Set a variable: -var 'key=value' (repeatable; wins over -var-file)" })
    .option('var-file', { type: 'string', describe: 'Read variables from a JSON file (repeatable; later files win)' })
    .option('only', { type: 'string', describe: 'Only these builds: -only=foo,bar or globs (-only=osc-*)' })
    .option('except', { type: 'string', describe: 'All builds but these (build or post-processor names, globs)' });
}

// yargs gives a string for one occurrence and an array for several; -only/-except also split on commas.
function strings(value: unknown, split = false): string[] {
  const values = (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String);
  return split
    ? values
        .flatMap((item) => item.split(','))
        .map((item) => item.trim())
        .filter(Boolean)
    : values;
}

/** Reads the template flags from parsed arguments. */
export function readTemplateOptions(argv: Record<string, unknown>): TemplateOptions {
  return {
    vars: strings(argv.var),
    varFiles: strings(argv['var-file']),
    only: strings(argv.only, true),
    except: strings(argv.except, true),
  };
}
