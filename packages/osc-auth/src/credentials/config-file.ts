import { readFile as nodeReadFile, stat as nodeStat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sourced } from '../access/access-settings';
import { CredentialsConfigError } from '../errors/credentials-config-error';

/** File access, injectable for tests and embedding programs. */
export interface FileSystem {
  readFile(path: string): Promise<string>;
  /** Only `mode` is read, to warn about a file other users can read. */
  stat(path: string): Promise<{ mode: number }>;
}

/** The real file system. */
export const nodeFileSystem: FileSystem = {
  readFile: (path) => nodeReadFile(path, 'utf8'),
  stat: (path) => nodeStat(path),
};

/** A parsed shared config file: profile name -> raw profile. */
export interface ConfigFile {
  path: string;
  profiles: Readonly<Record<string, unknown>>;
  warnings: string[];
}

/** The config file path and why that one (`environment (OSC_CONFIG_FILE)` or `default location`). */
export type ConfigFilePath = Sourced<string>;

/** `OSC_CONFIG_FILE` (with `~/` expanded), else `<home>/.osc/config.json`. */
export function configFilePath(configFile: Sourced<string> | undefined, homedir: string): ConfigFilePath {
  if (configFile === undefined) return { value: join(homedir, '.osc', 'config.json'), source: 'default location' };
  const value = configFile.value.startsWith('~/') ? join(homedir, configFile.value.slice(2)) : configFile.value;
  return { value, source: configFile.source };
}

/**
 * Reads and parses the shared config file. Returns undefined when the file does not exist and nobody asked
 * for it by name (`required` false). Throws CredentialsConfigError for a missing required file, an
 * unreadable file, a file that is not JSON or not an object of profiles. Warns (in `warnings`) when other
 * users can read it, as it holds secret keys.
 */
export async function readConfigFile(
  path: Sourced<string>,
  options: { required: string | undefined; fs: FileSystem; platform: string },
): Promise<ConfigFile | undefined> {
  let text: string;
  try {
    text = await options.fs.readFile(path.value);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' && options.required === undefined) return undefined;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${describe(error)})`;
    const asked = code === 'ENOENT' && options.required ? `; ${options.required}` : '';
    throw new CredentialsConfigError(`config file ${path.value} (${path.source}) ${why}${asked}`, path.value, {
      cause: error,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // Not `cause`, and not V8's message as is: newer V8 quotes the text around the error, which may be a key.
    throw new CredentialsConfigError(
      `config file ${path.value} is not valid JSON (${jsonProblem(error, text)})`,
      path.value,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CredentialsConfigError(
      `config file ${path.value} must hold a JSON object of profiles, like {"default": {"access_key": …}}`,
      path.value,
    );
  }
  return { path: path.value, profiles: parsed as Record<string, unknown>, warnings: await modeWarnings(path, options) };
}

async function modeWarnings(path: Sourced<string>, options: { fs: FileSystem; platform: string }): Promise<string[]> {
  // Windows reports synthetic modes; its ACLs are out of reach here.
  if (options.platform === 'win32') return [];
  const { mode } = await options.fs.stat(path.value);
  if ((mode & 0o044) === 0) return [];
  const octal = (mode & 0o777).toString(8).padStart(4, '0');
  return [
    `config file ${path.value} is readable by other users (mode ${octal}) and holds secret keys; ` +
      `restrict it with: chmod 600 ${path.value}`,
  ];
}

/** Where JSON.parse stopped, as line and column, without quoting the file. */
function jsonProblem(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : '';
  if (/Unexpected end of JSON input/.test(message)) return 'it ends too early';
  const position = /at position (\d+)/.exec(message);
  if (!position) {
    const token = /^Unexpected token '(.)'/.exec(message);
    const what = token ? `unexpected '${token[1]}'; ` : '';
    return `${what}check it with: python3 -m json.tool <file>`;
  }
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `syntax error at line ${line}, column ${column}`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
