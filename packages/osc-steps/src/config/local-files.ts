import { statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { CommunicatorConfig, ConfigIssue } from '@osc-packer/builder-core';

/** Where relative and `~` paths of a template point. */
export interface PathBase {
  /** The directory osc-packer runs in (Packer resolves relative paths against it). */
  cwd: string;
  homedir: string;
}

/** A template path as Packer reads it: `~` expanded, relative paths against `cwd`. */
export function resolveTemplatePath(path: string, base: PathBase): string {
  if (path === '~') return base.homedir;
  if (path.startsWith('~/')) return join(base.homedir, path.slice(2));
  return isAbsolute(path) ? path : resolve(base.cwd, path);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Checks at prepare time that the communicator's key and certificate files exist, so `osc-packer validate`
 * catches a wrong path. (builder-core's checkSshFiles also parses them; it is asynchronous, for the build's
 * first step.)
 */
export function communicatorFileIssues(config: CommunicatorConfig, base: PathBase): ConfigIssue[] {
  if (config.communicator !== 'ssh') return [];
  const keys = [
    'ssh_private_key_file',
    'ssh_certificate_file',
    'ssh_bastion_private_key_file',
    'ssh_bastion_certificate_file',
  ] as const;
  return keys.flatMap((key) => {
    const path = config[key];
    if (!path || isFile(resolveTemplatePath(path, base))) return [];
    return [{ path: key, message: `is invalid: file not found: ${path}` }];
  });
}
