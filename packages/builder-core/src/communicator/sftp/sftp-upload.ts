import { posix, resolve } from 'node:path';
import { compileExcludes } from '../transfer/exclude-matcher';
import { fileSource } from '../transfer/file-source';
import { type LocalDirectory, readLocalTree, treeSize } from '../transfer/local-tree';
import { ProgressCounter } from '../transfer/progress-counter';
import type { UploadSource } from '../transfer/upload-source';
import { type OpenSftp, SftpSession } from './sftp-session';

/** Bytes of writes kept in flight: more than OpenSSH's 2 MiB channel window, so the pipe never runs dry. */
const bytesInFlight = 4 * 1024 * 1024;

/** What an SFTP transfer reports to. */
export interface SftpTransferOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number | undefined) => void;
}

/** Uploads one file with pipelined writes; `mode` is applied when given (new files get 0644 otherwise). */
export async function sftpUploadFile(
  open: OpenSftp,
  remotePath: string,
  source: UploadSource,
  mode: number | undefined,
  options: SftpTransferOptions,
): Promise<void> {
  const session = await SftpSession.start(open, options.signal);
  try {
    await putFile(session, remotePath, source, mode, new ProgressCounter(source.size, options.onProgress));
  } finally {
    session.end();
  }
}

/**
 * Uploads a local directory with Packer's trailing-slash rule: `dir/` copies its contents into `remoteDir`,
 * `dir` copies the directory itself into it. `remoteDir` is created when missing (its parent must exist).
 */
export async function sftpUploadDirectory(
  open: OpenSftp,
  remoteDir: string,
  localDir: string,
  exclude: readonly string[] | undefined,
  options: SftpTransferOptions,
): Promise<void> {
  const tree = await readLocalTree(localDir, compileExcludes(exclude));
  tree.name = posix.basename(resolve(localDir));
  const progress = new ProgressCounter(treeSize(tree), options.onProgress);
  const session = await SftpSession.start(open, options.signal);
  try {
    await session.ensureDirectory(remoteDir, 0o755);
    if (localDir.endsWith('/')) {
      await putEntries(session, remoteDir, tree, progress);
    } else {
      const target = posix.join(remoteDir, tree.name);
      await session.ensureDirectory(target, tree.mode);
      await putEntries(session, target, tree, progress);
    }
  } finally {
    session.end();
  }
}

async function putEntries(
  session: SftpSession,
  remoteDir: string,
  directory: LocalDirectory,
  progress: ProgressCounter,
) {
  for (const entry of directory.entries) {
    const target = posix.join(remoteDir, entry.name);
    if (entry.kind === 'file') {
      await putFile(session, target, fileSource(entry.path, entry.size), entry.mode, progress);
    } else {
      await session.ensureDirectory(target, entry.mode);
      await putEntries(session, target, entry, progress);
    }
  }
}

async function putFile(
  session: SftpSession,
  remotePath: string,
  source: UploadSource,
  mode: number | undefined,
  progress: ProgressCounter,
): Promise<void> {
  const handle = await session.open(remotePath, 'w', mode ?? 0o644);
  try {
    await writePipelined(session, handle, remotePath, source, progress);
    if (mode !== undefined) await session.fchmod(handle, mode, remotePath);
  } finally {
    await session.close(handle, remotePath).catch(() => {});
  }
}

/**
 * Writes the source with requests as large as the server takes, keeping about `bytesInFlight` outstanding
 * while the next chunks are read.
 */
async function writePipelined(
  session: SftpSession,
  handle: Buffer,
  remotePath: string,
  source: UploadSource,
  progress: ProgressCounter,
): Promise<void> {
  const chunkSize = session.requestLimit('write');
  const maxInFlight = Math.max(2, Math.ceil(bytesInFlight / chunkSize));
  let inFlight = 0;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const settled = () => {
    inFlight -= 1;
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const waitForSlot = () =>
    new Promise<void>((resolve) => {
      wake = resolve;
    });
  let position = 0;
  for await (const chunk of source.chunks(chunkSize)) {
    inFlight += 1;
    session
      .write(handle, chunk, position, remotePath, () => source.release(chunk))
      .then(
        () => {
          progress.add(chunk.length);
          settled();
        },
        (error: unknown) => {
          failure ??= error;
          settled();
        },
      );
    position += chunk.length;
    while (inFlight >= maxInFlight && failure === undefined) await waitForSlot();
    if (failure !== undefined) break;
  }
  while (inFlight > 0) await waitForSlot();
  if (failure !== undefined) throw failure;
}
