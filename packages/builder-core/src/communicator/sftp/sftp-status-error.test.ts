import { describe, expect, it } from 'vitest';
import { encodePacket, PacketReader, sftpStatus, sftpType } from './sftp-protocol';
import { SftpStatusError } from './sftp-status-error';

/** The body of a STATUS reply after its request id: code, message, language tag. */
function statusBody(code: number, message: string): PacketReader {
  const packet = encodePacket(sftpType.status, [{ u32: code }, message, '']);
  const reader = new PacketReader(packet.subarray(5));
  reader.u32();
  return reader;
}

describe('SftpStatusError', () => {
  it("quotes the server's message and names the status code", () => {
    const error = SftpStatusError.fromReply(
      sftpType.status,
      statusBody(sftpStatus.noSuchFile, 'No such file'),
      sftpStatus.noSuchFile,
    );
    expect(error.message).toBe('No such file (SSH_FX_NO_SUCH_FILE)');
    expect(error.code).toBe(2);
  });

  it('uses the code name alone when the server sends no message, and the number for unknown codes', () => {
    expect(SftpStatusError.fromReply(sftpType.status, statusBody(4, ''), 4).message).toBe('SSH_FX_FAILURE');
    expect(SftpStatusError.fromReply(sftpType.status, statusBody(99, ''), 99).message).toBe('status 99');
  });

  it('is recognised by isInstance, also when it crossed a copy of the package, and nothing else is', () => {
    const error = new SftpStatusError(3, 'Permission denied (SSH_FX_PERMISSION_DENIED)');
    expect(SftpStatusError.isInstance(error)).toBe(true);
    expect(
      SftpStatusError.isInstance({ ...error, [Symbol.for('osc-packer.builder-core.SftpStatusError')]: true }),
    ).toBe(true);
    expect(SftpStatusError.isInstance(new Error('Permission denied'))).toBe(false);
    expect(SftpStatusError.isInstance(undefined)).toBe(false);
  });
});
