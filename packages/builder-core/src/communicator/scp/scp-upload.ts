import { posix, resolve } from 'node:path';
import { SshError } from '../ssh-error';
import { compileExcludes } from '../transfer/exclude-matcher';
import { fileSource } from '../transfer/file-source';
import { type LocalDirectory, type LocalFile, readLocalTree, treeSize } from '../transfer/local-tree';
import { ProgressCounter } from '../transfer/progress-counter';
import { shellQuotePath } from '../transfer/shell-quote';
import type { UploadSource } from '../transfer/upload-source';
import { directoryRecord, endRecord, fileRecord } from './scp-record';
import { type OpenCommandChannel, ScpSession } from './scp-session';

/** Chunk written to the channel at a time; ssh2 cuts it into packets the server accepts. */
const chunkSize = 256 * 1024;

/** What an SCP upload reports to. */
export interface ScpUploadOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number | undefined) => void;
}

/** Uploads one file of known size to `remotePath` with the remote `scp -t` (Packer's default transfer). */
export async function scpUploadFile(
  open: OpenCommandChannel,
  remotePath: string,
  source: UploadSource & { size: number },
  mode: number,
  options: ScpUploadOptions,
): Promise<void> {
  const progress = new ProgressCounter(source.size, options.onProgress);
  const session = await ScpSession.start(open, `scp -t ${shellQuotePath(posix.dirname(remotePath))}`, options.signal);
  try {
    await session.readAck();
    await sendFile(session, posix.basename(remotePath), mode, source, progress);
    await session.finish();
  } catch (error) {
    session.dispose();
    throw error;
  }
}

/**
 * Uploads a local directory: with a trailing `/` on `localDir` its contents go into `remoteDir`, otherwise
 * the directory itself goes into `remoteDir`. `remoteDir` is created when missing (its parent must exist).
 */
export async function scpUploadDirectory(
  open: OpenCommandChannel,
  remoteDir: string,
  localDir: string,
  exclude: readonly string[] | undefined,
  options: ScpUploadOptions,
): Promise<void> {
  const tree = await readLocalTree(localDir, compileExcludes(exclude));
  tree.name = posix.basename(resolve(localDir));
  const progress = new ProgressCounter(treeSize(tree), options.onProgress);
  const target = remoteDir.length > 1 ? remoteDir.replace(/\/+$/, '') : remoteDir;
  const wrapName = posix.basename(target);
  // Sending the destination itself as a directory record makes scp create it when missing; without it, the
  // first entry of a missing destination would be written *as* the destination.
  const wrap = target !== '/' && wrapName !== '' && wrapName !== '.' && wrapName !== '..' && wrapName !== '~';
  const command = `scp -r -t ${shellQuotePath(wrap ? posix.dirname(target) : target)}`;
  const session = await ScpSession.start(open, command, options.signal);
  try {
    await session.readAck();
    if (wrap) await record(session, directoryRecord(0o755, wrapName));
    if (localDir.endsWith('/')) await sendEntries(session, tree.entries, progress);
    else await sendDirectory(session, tree, progress);
    if (wrap) await record(session, endRecord);
    await session.finish();
  } catch (error) {
    session.dispose();
    throw error;
  }
}

async function sendDirectory(session: ScpSession, directory: LocalDirectory, progress: ProgressCounter) {
  await record(session, directoryRecord(directory.mode, directory.name));
  await sendEntries(session, directory.entries, progress);
  await record(session, endRecord);
}

async function sendEntries(session: ScpSession, entries: (LocalFile | LocalDirectory)[], progress: ProgressCounter) {
  for (const entry of entries) {
    if (entry.kind === 'file') {
      await sendFile(session, entry.name, entry.mode, fileSource(entry.path, entry.size), progress);
    } else {
      await sendDirectory(session, entry, progress);
    }
  }
}

async function sendFile(
  session: ScpSession,
  name: string,
  mode: number,
  source: UploadSource,
  progress: ProgressCounter,
): Promise<void> {
  const size = source.size ?? 0;
  await record(session, fileRecord(mode, size, name));
  let sent = 0;
  for await (const chunk of source.chunks(chunkSize)) {
    if (sent + chunk.length > size) {
      throw new SshError(`the upload source for ${name} is longer than the ${size} bytes announced`, {
        reason: 'local',
      });
    }
    await session.write(chunk, () => source.release(chunk));
    sent += chunk.length;
    progress.add(chunk.length);
  }
  if (sent !== size) {
    throw new SshError(`the upload source for ${name} ended after ${sent} of ${size} bytes`, { reason: 'local' });
  }
  await session.sendOk();
  await session.readAck();
}

async function record(session: ScpSession, line: string): Promise<void> {
  await session.write(line);
  await session.readAck();
}
