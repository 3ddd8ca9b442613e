import { createRequire } from 'node:module';
import type { Client, ParsedKey } from 'ssh2';
import { SshError } from './ssh-error';

// ssh2 1.17 cannot authenticate with an OpenSSH user certificate: it names the signature with the
// certificate's algorithm, where OpenSSH expects the plain key algorithm (PROTOCOL.certkeys). A key carrying
// a certificate is therefore a wrapper ssh2 accepts as a parsed key, and the client's protocol object gets
// an `authPK` that writes the signed request itself for those keys. ssh2 is pinned; the sshd test with
// TrustedUserCAKeys catches any change of these internals.

const certificateOf = Symbol('osc-packer.sshCertificate');

interface CertificateInfo {
  /** E.g. `ssh-ed25519-cert-v01@openssh.com`, `rsa-sha2-512-cert-v01@openssh.com`. */
  algorithm: string;
  /** The signature's algorithm name: `ssh-ed25519`, `rsa-sha2-512`, `ecdsa-sha2-nistp256`. */
  signatureAlgorithm: string;
  blob: Buffer;
  hash: string | undefined;
}

type CertifiedKey = ParsedKey & { [certificateOf]: CertificateInfo };

interface ProtocolInternals {
  authPK(username: string, key: unknown, keyAlgo?: unknown, cbSign?: unknown): void;
  _kex: { sessionID: Buffer };
  _authsQueue: string[];
  _packetRW: { write: { allocStart: number; alloc(size: number): Buffer; finalize(packet: Buffer): Buffer } };
}

interface Ssh2Utils {
  sendPacket(proto: ProtocolInternals, packet: Buffer): void;
  convertSignature(signature: Buffer, keyType: string): Buffer | false | undefined;
}

const require = createRequire(import.meta.url);

/** Returns a key that authenticates with `certificate` (OpenSSH `*-cert-v01@openssh.com` public key line). */
export function withCertificate(key: ParsedKey, certificate: Buffer, label: string): ParsedKey {
  const [algorithm = '', base64 = ''] = certificate.toString('utf8').trim().split(/\s+/);
  const match = /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(?:256|384|521))-cert-v01@openssh\.com$/.exec(algorithm);
  if (match === null) {
    throw new SshError(`${label} is not an OpenSSH user certificate (got type "${algorithm.slice(0, 60)}")`, {
      reason: 'config',
    });
  }
  const blob = Buffer.from(base64, 'base64');
  const keyType = match[1] ?? '';
  if (keyType !== key.type || !certifiesKey(blob, key.getPublicSSH())) {
    throw new SshError(`${label} does not certify the private key it goes with`, { reason: 'config' });
  }
  const rsa = keyType === 'ssh-rsa';
  const info: CertificateInfo = {
    // SHA-1 RSA signatures are refused by current servers; certificates sign with SHA-512 instead.
    algorithm: rsa ? 'rsa-sha2-512-cert-v01@openssh.com' : algorithm,
    signatureAlgorithm: rsa ? 'rsa-sha2-512' : keyType,
    blob,
    hash: rsa ? 'sha512' : undefined,
  };
  const wrapper = Object.create(key) as CertifiedKey;
  Object.defineProperties(wrapper, {
    type: { value: info.algorithm },
    getPublicSSH: { value: () => info.blob },
    sign: { value: (data: Buffer) => key.sign(data, info.hash) },
    [certificateOf]: { value: info },
  });
  return wrapper;
}

/** Makes `client` sign certificate authentication requests the way OpenSSH verifies them. */
export function enableCertificateAuth(client: Client): void {
  const proto = (client as unknown as { _protocol?: ProtocolInternals })._protocol;
  if (proto === undefined) throw new Error('enableCertificateAuth must be called after connect()');
  const original = proto.authPK.bind(proto);
  proto.authPK = (username, key, keyAlgo, cbSign) => {
    const info = (key as Partial<CertifiedKey> | undefined)?.[certificateOf];
    const sign = typeof keyAlgo === 'function' ? keyAlgo : cbSign;
    if (info === undefined || typeof sign !== 'function') {
      original(username, key, keyAlgo, cbSign);
      return;
    }
    sendSignedRequest(proto, username, info, sign as (data: Buffer, done: (signature: Buffer) => void) => void);
  };
}

function sendSignedRequest(
  proto: ProtocolInternals,
  username: string,
  info: CertificateInfo,
  sign: (data: Buffer, done: (signature: Buffer) => void) => void,
): void {
  const utils = require('ssh2/lib/protocol/utils.js') as Ssh2Utils;
  const request = Buffer.concat([
    Buffer.from([50]), // SSH_MSG_USERAUTH_REQUEST
    sshString(username),
    sshString('ssh-connection'),
    sshString('publickey'),
    Buffer.from([1]),
    sshString(info.algorithm),
    sshString(info.blob),
  ]);
  sign(Buffer.concat([sshString(proto._kex.sessionID), request]), (rawSignature) => {
    const signature = utils.convertSignature(rawSignature, info.signatureAlgorithm);
    if (!signature) throw new Error('Error while converting the certificate signature');
    const payload = Buffer.concat([
      request,
      sshString(Buffer.concat([sshString(info.signatureAlgorithm), sshString(signature)])),
    ]);
    const start = proto._packetRW.write.allocStart;
    const packet = proto._packetRW.write.alloc(payload.length);
    packet.set(payload, start);
    proto._authsQueue.push('publickey');
    utils.sendPacket(proto, proto._packetRW.write.finalize(packet));
  });
}

function sshString(value: string | Buffer): Buffer {
  const data = typeof value === 'string' ? Buffer.from(value) : value;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, data]);
}

/** A certificate blob is: type, nonce, then the same public fields as the key's own blob after its type. */
function certifiesKey(certBlob: Buffer, publicBlob: Buffer): boolean {
  const afterType = skipString(publicBlob, 0);
  const afterNonce = skipString(certBlob, skipString(certBlob, 0));
  if (afterType < 0 || afterNonce < 0) return false;
  const fields = publicBlob.subarray(afterType);
  return certBlob.subarray(afterNonce, afterNonce + fields.length).equals(fields);
}

function skipString(buffer: Buffer, offset: number): number {
  if (offset < 0 || offset + 4 > buffer.length) return -1;
  const end = offset + 4 + buffer.readUInt32BE(offset);
  return end > buffer.length ? -1 : end;
}
