import { describe, expect, it } from 'vitest';
import { oscGeneratedData, oscGeneratedDataNames } from './osc-generated-data';

const config = { communicator: 'ssh' as const, ssh_username: 'outscale', ssh_password: undefined };

describe('oscGeneratedData', () => {
  it('gives the connection, the keys and the build data, under exactly the documented names', () => {
    const data = oscGeneratedData(
      {
        vm: { VmId: 'i-1' },
        sshHost: '127.0.0.5',
        sshPort: 22,
        publicKey: 'ssh-ed25519 AAAA packer_1',
        privateKey: 'PRIVATE',
        buildInfo: {
          BuildRegion: 'eu-west-2',
          SourceOMI: 'ami-1',
          SourceOMIName: 'Debian-12',
          SourceOMITags: { os: 'debian' },
          SourceOMICreationDate: '2026-01-02T03:04:05.000Z',
          SourceOMIOwner: '123456789012',
          SourceOMIOwnerName: 'Outscale',
        },
      },
      config,
      'run-uuid',
    );
    expect(data).toEqual({
      ID: 'i-1',
      Host: '127.0.0.5',
      Port: 22,
      User: 'outscale',
      Password: '',
      ConnType: 'ssh',
      SSHPublicKey: 'ssh-ed25519 AAAA packer_1',
      SSHPrivateKey: 'PRIVATE',
      PackerRunUUID: 'run-uuid',
      PackerHTTPIP: '',
      PackerHTTPPort: '',
      PackerHTTPAddr: '',
      BuildRegion: 'eu-west-2',
      SourceOMI: 'ami-1',
      SourceOMIName: 'Debian-12',
      SourceOMITags: { os: 'debian' },
      SourceOMICreationDate: '2026-01-02T03:04:05.000Z',
      SourceOMIOwner: '123456789012',
      SourceOMIOwnerName: 'Outscale',
    });
    expect(Object.keys(data).sort()).toEqual([...oscGeneratedDataNames].sort());
  });

  it('is empty, never undefined, before the source OMI is known, and hands out its own copy of the tags', () => {
    const data = oscGeneratedData({}, config, 'run-uuid');
    expect(data).toMatchObject({ ID: '', Host: '', Port: '', BuildRegion: '', SourceOMI: '', SourceOMITags: {} });
    (data.SourceOMITags as Record<string, string>).added = 'x';
    expect(oscGeneratedData({}, config, 'run-uuid').SourceOMITags).toEqual({});
  });
});
