import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A throwaway home directory for config-file tests; never the real one. */
export interface TempHome {
  dir: string;
  /** `<dir>/.osc/config.json`. */
  configPath: string;
  /** Writes `<dir>/.osc/config.json` (an object is JSON-encoded) with the given mode (default 0600). */
  writeConfig(content: unknown, mode?: number): Promise<string>;
  /** Writes any file under the home directory and returns its path. */
  writeFile(relative: string, content: string, mode?: number): Promise<string>;
  remove(): Promise<void>;
}

export async function makeTempHome(): Promise<TempHome> {
  const dir = await mkdtemp(join(tmpdir(), 'osc-auth-home-'));
  const configPath = join(dir, '.osc', 'config.json');
  const write = async (path: string, content: string, mode: number) => {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content, { mode });
    await chmod(path, mode);
    return path;
  };
  return {
    dir,
    configPath,
    writeConfig: (content, mode = 0o600) =>
      write(configPath, typeof content === 'string' ? content : JSON.stringify(content, null, 2), mode),
    writeFile: (relative, content, mode = 0o600) => write(join(dir, relative), content, mode),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
