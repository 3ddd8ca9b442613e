// Packer's Outscale plugin allows these bytes in OMI names; every other byte becomes '-'.
const allowed = /[A-Za-z0-9()[\] ./\-'@_]/;

/**
 * Packer's `clean_resource_name` (alias `clean_omi_name`): replaces every byte outside
 * `A-Za-z0-9()[] ./-'@_` with `-`. Works byte by byte, as Packer does, so a multi-byte UTF-8
 * character becomes several dashes.
 */
export function cleanResourceName(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += byte < 0x80 && allowed.test(char) ? char : '-';
  }
  return out;
}
