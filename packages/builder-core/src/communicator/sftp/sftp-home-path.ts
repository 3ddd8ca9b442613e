/**
 * SFTP servers do not expand `~` (a shell does, for SCP), but resolve relative paths from the login
 * directory: `~/x` becomes `x` and `~` becomes `.`, so both transfer methods accept the same paths.
 */
export function sftpHomePath(path: string): string {
  if (path === '~') return '.';
  if (path.startsWith('~/')) return path.length === 2 ? './' : path.slice(2);
  return path;
}
