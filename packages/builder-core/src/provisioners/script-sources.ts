import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

/** The scripts a shell-like config names (`script` or `scripts`). */
export function scriptsOf(config: { script?: string; scripts?: readonly string[] }): string[] {
  if (config.script) return [config.script];
  return [...(config.scripts ?? [])];
}

/** Resolves a script path against the working directory. */
export function resolveScript(cwd: string, path: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

/** Packer's "Bad script" issues for scripts that do not exist. */
export function missingScripts(cwd: string, scripts: readonly string[]): string[] {
  return scripts
    .filter((script) => !existsSync(resolveScript(cwd, script)))
    .map((script) => `Bad script '${script}': no such file`);
}
