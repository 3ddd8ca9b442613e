import { describe, expect, it } from 'vitest';
import { CaptureStream } from './capture-stream';
import { escapeMachineField } from './machine-readable';
import { createMachineReadableUi } from './machine-readable-ui';
import { UiInputError } from './ui-input-error';

const at = new Date(1_764_195_079_000);

describe('machine-readable Ui', () => {
  it('escapes commas and newlines as Packer does', () => {
    expect(escapeMachineField('a,b\nc\r')).toBe('a%!(PACKER_COMMA)b\\nc\\r');
  });

  it('writes ui records with the human line, and targeted machine records', () => {
    const stdout = new CaptureStream();
    const ui = createMachineReadableUi({ stdout, now: () => at });
    const build = ui.withTarget('osc-bsu');
    build.say('Creating temporary keypair: packer_1');
    build.message('Found Image ID: ami-1');
    build.error('Error: a, b');
    build.machine('artifact-count', '1');
    build.machine('artifact', '0', 'string', 'OMIs were created:\neu-west-2: ami-1\n');
    build.machine('artifact', '0', 'end');
    ui.say('\n==> Builds finished. The artifacts of successful builds are:');
    ui.machine('error-count', '0');
    expect(stdout.text.split('\n')).toEqual([
      '1764195079,,ui,say,==> osc-bsu: Creating temporary keypair: packer_1',
      '1764195079,,ui,message,    osc-bsu: Found Image ID: ami-1',
      '1764195079,,ui,error,==> osc-bsu: Error: a%!(PACKER_COMMA) b',
      '1764195079,osc-bsu,artifact-count,1',
      '1764195079,osc-bsu,artifact,0,string,OMIs were created:\\neu-west-2: ami-1\\n',
      '1764195079,osc-bsu,artifact,0,end',
      '1764195079,,ui,say,\\n==> Builds finished. The artifacts of successful builds are:',
      '1764195079,,error-count,0',
      '',
    ]);
  });

  it('cannot ask and draws no progress', async () => {
    const stdout = new CaptureStream();
    const ui = createMachineReadableUi({ stdout });
    await expect(ui.ask('?')).rejects.toSatisfy(UiInputError.isInstance);
    ui.trackProgress('upload', 10).update(5);
    expect(stdout.text).toBe('');
  });
});
