import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ConfigIssue } from '@osc-packer/builder-core';

/** The API's limit on `UserData` (500 KiB, base64-encoded). */
export const maxUserDataBytes = 500 * 1024;

const base64Text = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Length of `byteLength` bytes once base64-encoded. */
export function encodedUserDataLength(byteLength: number): number {
  return Math.ceil(byteLength / 3) * 4;
}

/**
 * True when `text` is standard base64 (padding included). With `printable`, it must also be long enough and
 * decode to readable UTF-8 text: what someone who pre-encoded a script would write (this is only used to warn;
 * the Go plugin's guess sent short words such as `abcd` raw, so the VM received garbage).
 */
export function looksBase64Encoded(text: string, options: { printable: boolean }): boolean {
  const compact = options.printable ? text : text.replace(/\s+/g, '');
  if (!base64Text.test(compact)) return false;
  if (!options.printable) return true;
  if (compact.length < 16) return false;
  const decoded = Buffer.from(compact, 'base64');
  const asText = new TextDecoder('utf-8', { fatal: false }).decode(decoded);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this looks for
  return !asText.includes('\uFFFD') && !/[\u0000-\u0008\u000E-\u001F]/.test(asText);
}

/**
 * The `UserData` to send: the content base64-encoded, or, when it is already encoded (`user_data_base64`),
 * the content as it is with line breaks removed.
 */
export function encodeUserData(content: string | Uint8Array, alreadyBase64: boolean): string {
  if (alreadyBase64) {
    const text = typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
    return text.replace(/\s+/g, '');
  }
  return Buffer.from(typeof content === 'string' ? Buffer.from(content, 'utf8') : content).toString('base64');
}

/**
 * Checks `user_data_file` as Packer does at prepare (it must exist) and its size against the API's limit.
 * A relative path is resolved against `cwd` (the directory osc-packer runs in, as Packer).
 */
export function userDataFileIssues(
  config: { user_data_file?: string | undefined; user_data_base64: boolean },
  cwd: string,
): ConfigIssue[] {
  const file = config.user_data_file;
  if (!file) return [];
  const path = resolve(cwd, file);
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return [{ path: 'user_data_file', message: `is not a file: ${file}` }];
    size = stat.size;
  } catch {
    return [{ path: 'user_data_file', message: `user_data_file not found: ${file}` }];
  }
  const encoded = config.user_data_base64 ? size : encodedUserDataLength(size);
  if (encoded <= maxUserDataBytes) return [];
  return [
    {
      path: 'user_data_file',
      message: `${file} is ${encoded} bytes once base64-encoded; the API accepts at most ${maxUserDataBytes}`,
    },
  ];
}
