import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CaptureStream } from './capture-stream';
import { createHumanUi, type HumanUiOptions } from './human-ui';
import { formatRfc3339 } from './rfc3339';
import { UiInputError } from './ui-input-error';

const at = new Date(2026, 10, 26, 22, 11, 19);

function setup(options: Partial<HumanUiOptions> = {}) {
  const stdout = new CaptureStream();
  const stderr = new CaptureStream();
  const ui = createHumanUi({ stdout, stderr, now: () => at, ...options });
  return { ui, stdout, stderr };
}

describe('human Ui', () => {
  it("prints Packer's plain format: headlines, indented detail, errors on stderr", () => {
    const { ui, stdout, stderr } = setup();
    const build = ui.withTarget('osc-bsu', 0);
    build.say('Creating temporary keypair: packer_6543');
    build.message('Found Image ID: ami-12345678');
    build.error('Error launching source VM: quota exceeded');
    ui.say('\n==> Builds finished. The artifacts of successful builds are:');
    expect(stdout.text).toBe(
      '==> osc-bsu: Creating temporary keypair: packer_6543\n' +
        '    osc-bsu: Found Image ID: ami-12345678\n' +
        '\n==> Builds finished. The artifacts of successful builds are:\n',
    );
    expect(stderr.text).toBe('==> osc-bsu: Error launching source VM: quota exceeded\n');
  });

  it('prefixes every line of a multi-line message and trims trailing whitespace', () => {
    const { ui, stdout } = setup();
    ui.withTarget('bsu').message('line one\nline two\n');
    ui.withTarget('bsu').say('');
    expect(stdout.text).toBe('    bsu: line one\n    bsu: line two\n    bsu:\n==> bsu:\n');
  });

  it('colours each build in its own colour, detail not bold, errors bold red', () => {
    const { ui, stdout, stderr } = setup({ color: true });
    ui.withTarget('first', 0).say('hello');
    ui.withTarget('second', 1).message('world');
    ui.withTarget('second (manifest)', 1).withTarget('pp').say('kept colour');
    ui.withTarget('first', 0).error('bad');
    expect(stdout.text).toBe(
      '\x1b[1;32m==> first: hello\x1b[0m\n' +
        '\x1b[0;36m    second: world\x1b[0m\n' +
        '\x1b[1;36m==> pp: kept colour\x1b[0m\n',
    );
    expect(stderr.text).toBe('\x1b[1;31m==> first: bad\x1b[0m\n');
  });

  it('prefixes build lines with an RFC 3339 timestamp under -timestamp-ui', () => {
    const { ui, stdout } = setup({ timestamps: true });
    ui.withTarget('bsu').say('Waiting for SSH to become available...');
    ui.say('root lines stay as they are');
    expect(stdout.text).toBe(
      `${formatRfc3339(at)}: ==> bsu: Waiting for SSH to become available...\nroot lines stay as they are\n`,
    );
    expect(formatRfc3339(at)).toMatch(/^2026-11-26T22:11:19(Z|[+-]\d\d:\d\d)$/);
  });

  it('asks on the terminal, one question at a time, and trims the answer', async () => {
    const stdin = new PassThrough();
    const { ui, stdout } = setup({ stdin });
    const first = ui.withTarget('a').ask('Continue?');
    const second = ui.withTarget('b').ask('Really?');
    stdin.write('  yes \n');
    expect(await first).toBe('yes');
    stdin.write('r\n');
    expect(await second).toBe('r');
    expect(stdout.text).toBe('==> a: Continue? ==> b: Really? ');
  });

  it('rejects a question without a terminal, and on abort', async () => {
    await expect(setup().ui.ask('?')).rejects.toSatisfy(UiInputError.isInstance);
    const stdin = new PassThrough();
    const { ui } = setup({ stdin });
    const controller = new AbortController();
    const asked = ui.ask('Press enter', controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(asked).rejects.toThrow('cancelled');
  });

  it('draws progress on a TTY only, and clears it before printing a line', () => {
    const plain = setup();
    const quiet = plain.ui.withTarget('bsu').trackProgress('Uploading 512 MiB', 1024);
    quiet.update(512);
    quiet.close();
    expect(plain.stdout.text).toBe('');

    const tty = setup({ isTTY: true });
    const tracker = tty.ui.withTarget('bsu').trackProgress('upload.bin', 4 * 1024 * 1024);
    tracker.update(1024 * 1024);
    tty.ui.withTarget('bsu').say('still going');
    tracker.close();
    const text = tty.stdout.text;
    expect(text).toContain('\r\x1b[2K    bsu: upload.bin 0% (0 B / 4.00 MiB)');
    expect(text).toContain('\r\x1b[2K==> bsu: still going\n\r\x1b[2K    bsu: upload.bin 25% (1.00 MiB / 4.00 MiB)');
    expect(text.endsWith('\r\x1b[2K')).toBe(true);
  });
});
