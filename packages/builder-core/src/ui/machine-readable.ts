/**
 * Escapes one data field of a machine-readable record as Packer does: commas become `%!(PACKER_COMMA)`,
 * carriage returns and newlines the two characters `\r` and `\n`.
 */
export function escapeMachineField(value: string): string {
  return value.replaceAll(',', '%!(PACKER_COMMA)').replaceAll('\r', '\\r').replaceAll('\n', '\\n');
}

/** One record of `-machine-readable` output: `timestamp,target,type,data...` and a newline. */
export function machineReadableLine(at: Date, target: string, type: string, data: readonly string[]): string {
  const seconds = Math.floor(at.getTime() / 1000);
  const fields = data.map(escapeMachineField).join(',');
  return `${seconds},${target},${type},${fields}\n`;
}
