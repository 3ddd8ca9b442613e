import { sensitive } from './sensitive';

// A PEM private key of any kind (RSA, EC, OPENSSH, ENCRYPTED, PKCS#8), also when its line breaks are
// JSON-escaped (`\n`) as in an API answer; a block cut off before its END line is hidden to the end.
const privateKeyBlock = /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$)/g;

/**
 * A function that replaces every given secret (access and secret keys, passwords, sensitive variables)
 * and every PEM private-key block in a text with `<sensitive>`. Each secret is also caught in its JSON-
 * escaped and URL-encoded spellings. Empty and blank values are ignored; longer secrets are replaced first
 * so one that contains another is hidden whole.
 */
export function createSecretScrubber(secrets: Iterable<string>): (text: string) => string {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.trim() === '') continue;
    needles.add(secret);
    needles.add(JSON.stringify(secret).slice(1, -1));
    needles.add(encodeURIComponent(secret));
  }
  const ordered = [...needles].sort((a, b) => b.length - a.length);
  const pattern = ordered.length > 0 ? new RegExp(ordered.map(escapeRegExp).join('|'), 'g') : undefined;
  return (text) => {
    const withoutKeys = text.replace(privateKeyBlock, sensitive);
    return pattern ? withoutKeys.replace(pattern, sensitive) : withoutKeys;
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
