/** The script Packer makes of `inline` commands: the shebang line, then one command per line. */
export function inlineScript(shebang: string, commands: readonly string[]): string {
  const head = shebang === '' ? '' : `#!${shebang}\n`;
  return `${head}${commands.map((command) => `${command}\n`).join('')}`;
}

/** Converts Windows line endings to Unix ones, as Packer does before uploading a script. */
export function toUnixLineEndings(content: Uint8Array): Uint8Array {
  const text = Buffer.from(content);
  if (!text.includes('\r\n')) return content;
  return Buffer.from(text.toString('latin1').replaceAll('\r\n', '\n'), 'latin1');
}
