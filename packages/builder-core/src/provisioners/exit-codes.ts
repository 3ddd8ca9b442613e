/** The exit status Packer reports when the connection dropped before a command ended. */
export const disconnectedExitCode = 2300218;

/** Packer's message when a script ended with a code outside `valid_exit_codes`, or undefined when it is allowed. */
export function invalidExitCodeMessage(code: number, valid: readonly number[]): string | undefined {
  if (valid.includes(code)) return undefined;
  return `Script exited with non-zero exit status: ${code}. Allowed exit codes are: [${valid.join(' ')}]`;
}
