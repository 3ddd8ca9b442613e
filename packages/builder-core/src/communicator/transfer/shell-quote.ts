/**
 * Quotes a remote path for a POSIX shell. A leading `~/` stays unquoted so the remote shell still expands it
 * to the login directory, as it would in an unquoted Packer path.
 */
export function shellQuotePath(path: string): string {
  if (path === '~') return path;
  if (path.startsWith('~/')) return `~/${quote(path.slice(2))}`;
  return quote(path);
}

function quote(text: string): string {
  if (text === '') return "''";
  if (/^[A-Za-z0-9_./@%+=:,-]+$/.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
