const allowedCharacters = /^[A-Za-z0-9()[\] ./\-'@_]*$/;

/**
 * Checks an OMI name against Outscale's rules: 3 to 128 bytes of `A-Za-z0-9()[] ./-'@_`.
 * Returns the problems found (empty when the name is valid), each phrased for the `omi_name` key.
 */
export function omiNameProblems(name: string): string[] {
  const problems: string[] = [];
  const length = Buffer.byteLength(name, 'utf8');
  if (length < 3 || length > 128) problems.push(`must be between 3 and 128 characters long (it has ${length})`);
  if (!allowedCharacters.test(name)) {
    problems.push(
      "may only contain letters, digits, spaces and ()[]./-'@_; " +
        'use {{ clean_resource_name `...` }} (or clean_omi_name) to replace other characters',
    );
  }
  return problems;
}
