import { SftpCodec } from './sftp-codec';
import { SftpFallbackServer } from './sftp-fallback-server';

/**
 * The source of a standalone Node.js program (for `node -e`) serving SFTP on stdin/stdout with
 * `SftpFallbackServer`; it ends when the client closes the channel.
 */
export function sftpFallbackProgram(): string {
  const server = SftpFallbackServer.name;
  const codec = SftpCodec.name;
  return [
    `'use strict';`,
    // Bundlers may turn a class declaration into an anonymous class expression: bind each to its name.
    `const ${codec} = ${SftpCodec.toString()};`,
    `const ${server} = ${SftpFallbackServer.toString()};`,
    `const server = new ${server}(require('node:fs'), require('node:path'), new ${codec}(), (data) => process.stdout.write(data));`,
    `process.stdin.on('data', (chunk) => server.receive(chunk));`,
    `process.stdin.on('end', () => process.exit(0));`,
  ].join('\n');
}
