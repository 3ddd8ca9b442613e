/** One SCP protocol control record (what precedes a file, opens and closes a directory). */
export type ScpRecord =
  | { kind: 'file'; mode: number; size: number; name: string }
  | { kind: 'directory'; mode: number; name: string }
  | { kind: 'end' }
  | { kind: 'times' };

/** `C0644 1234 name\n` */
export function fileRecord(mode: number, size: number, name: string): string {
  return `C${octal(mode)} ${size} ${checkName(name)}\n`;
}

/** `D0755 0 name\n` */
export function directoryRecord(mode: number, name: string): string {
  return `D${octal(mode)} 0 ${checkName(name)}\n`;
}

/** `E\n` */
export const endRecord = 'E\n';

/**
 * Parses a record line (without its `\n`). Throws on anything malformed, including names that would
 * escape the target directory (`/`, `.`, `..`), as OpenSSH's scp does.
 */
export function parseRecord(line: string): ScpRecord {
  const type = line[0];
  if (type === 'E' && line.length === 1) return { kind: 'end' };
  if (type === 'T') return { kind: 'times' };
  const match = /^([CD])([0-7]{3,5}) (\d+) (.+)$/.exec(line);
  if (match === null) throw new Error(`malformed SCP record ${JSON.stringify(line.slice(0, 200))}`);
  const [, kind, mode = '', size = '', name = ''] = match;
  if (name === '.' || name === '..' || name.includes('/')) {
    throw new Error(`the remote scp sent an unsafe file name ${JSON.stringify(name)}`);
  }
  if (kind === 'D') return { kind: 'directory', mode: Number.parseInt(mode, 8), name };
  const bytes = Number(size);
  if (!Number.isSafeInteger(bytes)) throw new Error(`the remote scp sent an invalid size ${size}`);
  return { kind: 'file', mode: Number.parseInt(mode, 8), size: bytes, name };
}

function octal(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}

function checkName(name: string): string {
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\n')) {
    throw new Error(
      `cannot send ${JSON.stringify(name)} over SCP (a file name must not be empty, '.', '..', or hold / or a newline)`,
    );
  }
  return name;
}
