/**
 * Prefixes every line of a message with its target as Packer's TargetedUI does: `==> name: line` for
 * headlines and errors, `    name: line` for detail, trailing whitespace of the whole trimmed.
 */
export function prefixLines(target: string, arrow: boolean, message: string): string {
  const lead = arrow ? '==>' : '   ';
  return message
    .split('\n')
    .map((line) => `${lead} ${target}: ${line}`)
    .join('\n')
    .trimEnd();
}
