import { keysProvider } from './keys-provider';
import type { CredentialProvider } from './osc-credentials';
import { type Env, readEnvironment } from './read-environment';

export interface FromEnvOptions {
  /** Defaults to `process.env`. */
  env?: Env;
  /** Receives each deprecation warning (one per `OUTSCALE_*` variable present). */
  onWarning?: (message: string) => void;
}

/**
 * Keys from `OSC_ACCESS_KEY`/`OSC_SECRET_KEY`, else from the deprecated `OUTSCALE_ACCESSKEYID`/
 * `OUTSCALE_SECRETKEYID`. Neither pair: not configured here. One key of a pair (or one old and one new
 * name): CredentialsConfigError naming the missing variable. The environment is read at each call.
 */
export function fromEnv(options: FromEnvOptions = {}): CredentialProvider {
  return async (callOptions) => {
    const reading = readEnvironment(options.env ?? process.env);
    for (const warning of reading.warnings) options.onWarning?.(warning);
    return keysProvider(reading.settings.keys)(callOptions);
  };
}
