import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type OapiSpec, parseOapiSpec } from './oapi-spec';
import { readCachedSpec, writeCachedSpec } from './oapi-spec-cache';

const specInShared = join('shared', 'oapi', 'outscale.yaml');

/**
 * Finds `<repo root>/../shared/oapi/outscale.yaml` by walking up from `from` (default: the working
 * directory) to the repository root, the directory holding `pnpm-workspace.yaml`. Returns undefined when
 * there is no repository root above `from` or no shared folder beside it, so tests can skip and say why.
 */
export function findOapiSpecPath(from: string = process.cwd()): string | undefined {
  let directory = resolve(from);
  for (;;) {
    if (existsSync(join(directory, 'pnpm-workspace.yaml'))) {
      const candidate = join(directory, '..', specInShared);
      return existsSync(candidate) ? candidate : undefined;
    }
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

const cache = new Map<string, OapiSpec>();

/**
 * Reads and parses the Outscale API description (with the 1.41 overlay applied), from `path` or from
 * {@link findOapiSpecPath}. Parsed specs are cached per path in memory, and on disk in the temp directory
 * (keyed by the file's and the reader's content), since every test file loads it.
 * Throws an error naming where it looked when the file is absent.
 */
export function loadOapiSpec(path?: string): OapiSpec {
  const file = path ?? findOapiSpecPath();
  if (file === undefined || !existsSync(file)) {
    const looked = file ?? `<repo root>/../${specInShared} (no repository root above ${process.cwd()})`;
    throw new Error(`Outscale API description not found at ${looked}; pass its path to loadOapiSpec()`);
  }
  const key = resolve(file);
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const text = readFileSync(key, 'utf8');
  let spec = readCachedSpec(text);
  if (spec === undefined) {
    spec = parseOapiSpec(text);
    writeCachedSpec(text, spec);
  }
  cache.set(key, spec);
  return spec;
}
