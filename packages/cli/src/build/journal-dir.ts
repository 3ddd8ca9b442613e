import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/** The variable that overrides where builds keep their resource journal. */
export const journalDirVariable = 'OSC_PACKER_JOURNAL_DIR';

/**
 * Where the resource journal lives: `$OSC_PACKER_JOURNAL_DIR`, else `$XDG_STATE_HOME/osc-packer/journal`
 * (the XDG base directory spec ignores a relative XDG_STATE_HOME), else `~/.local/state/osc-packer/journal`.
 * `build` writes there and `cleanup` reads there, so both must agree: always resolve it with this function.
 */
export function journalDir(env: Readonly<Record<string, string | undefined>>, cwd: string, home = homedir()): string {
  const override = env[journalDirVariable]?.trim();
  if (override) return resolve(cwd, override);
  const state = env.XDG_STATE_HOME?.trim();
  const base = state && isAbsolute(state) ? state : join(env.HOME?.trim() || home, '.local', 'state');
  return join(base, 'osc-packer', 'journal');
}
