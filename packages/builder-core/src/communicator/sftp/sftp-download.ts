import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { Writable } from 'node:stream';
import { SshError } from '../ssh-error';
import { compileExcludes, type ExcludeMatcher } from '../transfer/exclude-matcher';
import { ProgressCounter } from '../transfer/progress-counter';
import { endWritable, writeWithBackpressure } from '../transfer/write-with-backpressure';
import { fileType, type OpenSftp, SftpSession } from './sftp-session';
import type { SftpTransferOptions } from './sftp-upload';

/** Bytes of reads kept in flight. */
const bytesInFlight = 4 * 1024 * 1024;

/** Downloads one remote file into `sink` with pipelined reads (the sink is not ended). */
export async function sftpDownloadFile(
  open: OpenSftp,
  remotePath: string,
  sink: Writable,
  options: SftpTransferOptions,
): Promise<void> {
  const session = await SftpSession.start(open, options.signal);
  try {
    await getFile(session, remotePath, sink, options, new ProgressCounter(undefined, options.onProgress));
  } finally {
    session.end();
  }
}

/**
 * Downloads a remote directory: `dir/` copies its contents into `localDir`, `dir` the directory itself.
 * Symbolic links are followed (a link back to a directory being copied is skipped).
 */
export async function sftpDownloadDirectory(
  open: OpenSftp,
  remoteDir: string,
  localDir: string,
  exclude: readonly string[] | undefined,
  options: SftpTransferOptions,
): Promise<void> {
  const session = await SftpSession.start(open, options.signal);
  try {
    const top = await session.stat(remoteDir);
    if (fileType(top.mode) !== 'directory') {
      throw new SshError(`${remoteDir} is not a directory on the remote machine`, { reason: 'remote' });
    }
    const name = posix.basename(remoteDir.replace(/\/+$/, '')) || '.';
    const root = remoteDir.endsWith('/') ? localDir : join(localDir, name);
    await mkdir(root, { recursive: true, mode: ((top.mode ?? 0o755) & 0o7777) | 0o700 });
    const walker = { session, isExcluded: compileExcludes(exclude), options, visited: new Set<string>() };
    await getDirectory(walker, remoteDir, root, '', new ProgressCounter(undefined, options.onProgress));
  } finally {
    session.end();
  }
}

interface Walker {
  session: SftpSession;
  isExcluded: ExcludeMatcher;
  options: SftpTransferOptions;
  visited: Set<string>;
}

async function getDirectory(
  walker: Walker,
  remote: string,
  local: string,
  relative: string,
  progress: ProgressCounter,
) {
  const { session, isExcluded, options } = walker;
  const real = await session.realpath(remote);
  if (walker.visited.has(real)) return;
  walker.visited.add(real);
  for (const entry of await session.readdir(remote)) {
    const remotePath = posix.join(remote, entry.name);
    const localPath = join(local, entry.name);
    const childRelative = relative === '' ? entry.name : `${relative}/${entry.name}`;
    let mode = entry.attributes.mode ?? 0;
    if (fileType(mode) === 'link') mode = (await session.stat(remotePath).catch(() => undefined))?.mode ?? 0;
    if (fileType(mode) === 'directory') {
      if (isExcluded(childRelative, true)) continue;
      await mkdir(localPath, { recursive: true, mode: (mode & 0o7777) | 0o700 });
      await getDirectory(walker, remotePath, localPath, childRelative, progress);
    } else if (fileType(mode) === 'file' && !isExcluded(childRelative, false)) {
      const file = createWriteStream(localPath, { mode: mode & 0o7777, highWaterMark: 1024 * 1024 });
      try {
        await getFile(session, remotePath, file, options, progress);
      } finally {
        await endWritable(file);
      }
    }
  }
  walker.visited.delete(real);
}

/** Keeps about `bytesInFlight` of reads outstanding and writes their data to `sink` in order. */
async function getFile(
  session: SftpSession,
  remotePath: string,
  sink: Writable,
  options: SftpTransferOptions,
  progress: ProgressCounter,
): Promise<void> {
  const handle = await session.open(remotePath, 'r');
  const readChunk = session.requestLimit('read');
  const readsInFlight = Math.max(2, Math.ceil(bytesInFlight / readChunk));
  const pending: Promise<Buffer>[] = [];
  try {
    const size = (await session.fstat(handle, remotePath)).size ?? 0;
    let requested = 0;
    const request = () => {
      const length = Math.min(readChunk, size - requested);
      const read = session.read(handle, length, requested, remotePath);
      read.catch(() => {});
      pending.push(read);
      requested += length;
    };
    while (requested < size && pending.length < readsInFlight) request();
    let written = 0;
    while (pending.length > 0) {
      let data = await (pending.shift() as Promise<Buffer>);
      const expected = Math.min(readChunk, size - written);
      // A short read in the middle (a server with a smaller read limit) is completed before moving on.
      while (data.length < expected) {
        const more = await session.read(handle, expected - data.length, written + data.length, remotePath);
        if (more.length === 0) break;
        data = Buffer.concat([data, more]);
      }
      if (data.length === 0) break;
      await writeWithBackpressure(sink, data, options.signal);
      written += data.length;
      progress.add(data.length);
      if (requested < size) request();
    }
  } finally {
    await Promise.allSettled(pending);
    await session.close(handle, remotePath).catch(() => {});
  }
}
