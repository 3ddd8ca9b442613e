import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CaptureStream } from './capture-stream';
import { createHumanUi } from './human-ui';
import { createLineLogger } from './logger';
import { createMachineReadableUi } from './machine-readable-ui';
import { SecretRegistry } from './secret-registry';

const privateKey = [
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
  'QyNTUxOQAAACBhc2VjcmV0a2V5bWF0ZXJpYWxmb3J0ZXN0aW5nb25seTEyMzQ1Ng==',
  '-----END OPENSSH PRIVATE KEY-----',
].join('\n');
const secrets = {
  accessKey: 'AKIAOSCTESTKEY123456',
  secretKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  password: 'p@ss,w0rd\nwith newline',
  sensitiveVariable: 'hunter2-is-sensitive',
};
const everySecret = [...Object.values(secrets), ...privateKey.split('\n').slice(1, 3)];

/** Prints every secret through every channel of a Ui: headline, detail, error, machine record, question, progress. */
async function printEverything(ui: ReturnType<typeof createHumanUi>) {
  const build = ui.withTarget(`build ${secrets.sensitiveVariable}`, 0);
  build.say(`Using access key ${secrets.accessKey} and secret ${secrets.secretKey}`);
  build.message(`password is ${secrets.password}`);
  for (const line of privateKey.split('\n')) build.message(line);
  build.message(privateKey);
  build.error(`auth failed for ${secrets.accessKey}:${secrets.secretKey}`);
  build.machine('artifact', '0', 'string', `${secrets.password},${secrets.sensitiveVariable}`);
  build.trackProgress(`uploading ${secrets.sensitiveVariable}`, 10).update(5);
  await build.ask(`Type ${secrets.password}?`).catch(() => undefined);
}

describe('secret scrubbing', () => {
  it('replaces secrets in one pass, longest first, including each line of a multi-line secret', () => {
    const registry = new SecretRegistry().add('abc', 'abcdef', '', undefined, 'line one secret\nline two secret');
    expect(registry.scrub('x abcdef abc line two secret')).toBe('x <sensitive> <sensitive> <sensitive>');
    expect(registry.scrub('no secret')).toBe('no secret');
  });

  it('no registered secret appears anywhere in human, machine-readable or log output', async () => {
    const registry = new SecretRegistry().add(...Object.values(secrets), privateKey);
    const logLines: string[] = [];
    const log = createLineLogger({ write: (line) => logLines.push(line), secrets: registry });
    const stdout = new CaptureStream();
    const stderr = new CaptureStream();
    const stdin = new PassThrough();
    stdin.end('\n');
    await printEverything(
      createHumanUi({ stdout, stderr, stdin, secrets: registry, log, isTTY: true, color: true, timestamps: true }),
    );
    const machine = new CaptureStream();
    await printEverything(createMachineReadableUi({ stdout: machine, secrets: registry, log }));
    log.error(`request signed with ${secrets.secretKey}`);

    const outputs = { stdout: stdout.text, stderr: stderr.text, machine: machine.text, log: logLines.join('') };
    for (const [channel, text] of Object.entries(outputs)) {
      expect(text, channel).toContain('<sensitive>');
      for (const secret of everySecret) {
        for (const fragment of [secret, secret.replaceAll(',', '%!(PACKER_COMMA)').replaceAll('\n', '\\n')]) {
          expect(text.includes(fragment), `${channel} leaks ${JSON.stringify(fragment)}`).toBe(false);
        }
      }
    }
  });
});
