import { describe, expect, it } from 'vitest';
import { journalDir } from './journal-dir';

describe('journalDir', () => {
  it('takes OSC_PACKER_JOURNAL_DIR (relative to the working directory), then XDG_STATE_HOME, then ~/.local/state', () => {
    expect(journalDir({ OSC_PACKER_JOURNAL_DIR: 'j', XDG_STATE_HOME: '/s' }, '/work', '/home/u')).toBe('/work/j');
    expect(journalDir({ XDG_STATE_HOME: '/s' }, '/work', '/home/u')).toBe('/s/osc-packer/journal');
    expect(journalDir({ XDG_STATE_HOME: 'relative', HOME: '/home/v' }, '/work', '/home/u')).toBe(
      '/home/v/.local/state/osc-packer/journal',
    );
    expect(journalDir({}, '/work', '/home/u')).toBe('/home/u/.local/state/osc-packer/journal');
  });
});
