import type { BuildContext } from './build-context';
import type { Builder } from './builder';
import type { PrepareEnv } from './prepare-env';

/** A builder run by this engine: `Builder` with the engine's `PrepareEnv` and `BuildContext`. */
export type CoreBuilder<C = unknown> = Builder<C, PrepareEnv, BuildContext>;
