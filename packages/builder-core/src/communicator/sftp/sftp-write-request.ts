import type { ClientChannel } from 'ssh2';
import { encodePacket, sftpType } from './sftp-protocol';

/**
 * The bytes of a WRITE request, cut so that the packet header rides in one SSH packet with the first bytes
 * of data (one copy of at most a packet) and the rest is a view of `data`: a 255 KiB request then takes 8
 * SSH packets rather than 9, and each costs an allocation, an encryption call and a socket write in ssh2.
 * The request id is written with `setId` before sending.
 */
export function writeRequest(channel: ClientChannel, handle: Buffer, offset: number, data: Buffer) {
  const header = encodePacket(sftpType.write, [{ u32: 0 }, handle, { u64: offset }, { u32: data.length }]);
  // The packet's length field covers all of the data.
  header.writeUInt32BE(header.length - 4 + data.length, 0);
  const copied = Math.min(data.length, Math.max(0, channelPacketSize(channel) - header.length));
  const first = Buffer.allocUnsafe(header.length + copied);
  header.copy(first);
  data.copy(first, header.length, 0, copied);
  return {
    first,
    /** The data not copied into `first`; undefined when none is left. */
    rest: copied < data.length ? data.subarray(copied) : undefined,
    setId: (id: number) => first.writeUInt32BE(id, 5),
  };
}

/** Largest data an SSH packet of the channel carries (the server's maximum packet size; OpenSSH: 32 KiB). */
function channelPacketSize(channel: ClientChannel): number {
  const outgoing = (channel as unknown as { outgoing?: { packetSize?: unknown } }).outgoing;
  return typeof outgoing?.packetSize === 'number' ? outgoing.packetSize : 32 * 1024;
}
