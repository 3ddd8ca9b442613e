import { describe, expect, it } from 'vitest';
import { vmAccountFiles } from './vm-accounts';

const hostPasswd = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
alice:x:1000:1000:Alice:/home/alice:/bin/bash
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
`;
const hostGroup = `root:x:0:
adm:x:4:daemon,syslog
sudo:x:27:alice
alice:x:1000:
nogroup:x:65534:
`;

describe('vmAccountFiles', () => {
  const files = vmAccountFiles(hostPasswd, hostGroup, true);

  it('keeps the host system accounts, never its people, and adds outscale with bash', () => {
    expect(files.passwd).toContain('root:x:0:0:root:/root:/bin/bash\n');
    expect(files.passwd).toContain('nobody:x:65534:');
    expect(files.passwd).not.toContain('alice');
    expect(files.passwd).toContain('outscale:x:1000:1000:,,,:/home/outscale:/bin/bash\n');
    expect(vmAccountFiles(hostPasswd, hostGroup, false).passwd).toContain(':/home/outscale:/bin/sh\n');
  });

  it('puts outscale in sudo and adm as cloud-init does, without the host members', () => {
    expect(files.group).toContain('sudo:x:27:outscale\n');
    expect(files.group).toContain('adm:x:4:daemon,outscale\n');
    expect(files.group).toContain('outscale:x:1000:\n');
    expect(files.group).not.toContain('alice');
  });

  it('locks every password (keys and password-less sudo only)', () => {
    expect(files.shadow).toMatch(/^root:\*:/m);
    expect(files.shadow).toMatch(/^outscale:!:/m);
    expect(files.shadow.split('\n').filter(Boolean)).toHaveLength(files.passwd.split('\n').filter(Boolean).length);
  });
});
