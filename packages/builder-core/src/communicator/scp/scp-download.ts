import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { SshError } from '../ssh-error';
import { compileExcludes, type ExcludeMatcher } from '../transfer/exclude-matcher';
import { ProgressCounter } from '../transfer/progress-counter';
import { shellQuotePath } from '../transfer/shell-quote';
import { endWritable, writeWithBackpressure } from '../transfer/write-with-backpressure';
import { parseRecord, type ScpRecord } from './scp-record';
import { type OpenCommandChannel, ScpSession } from './scp-session';
import type { ScpUploadOptions } from './scp-upload';

/** Downloads one remote file into `sink` with the remote `scp -f` (the sink is not ended). */
export async function scpDownloadFile(
  open: OpenCommandChannel,
  remotePath: string,
  sink: Writable,
  options: ScpUploadOptions,
): Promise<void> {
  const session = await ScpSession.start(open, `scp -f ${shellQuotePath(remotePath)}`, options.signal);
  try {
    await session.sendOk();
    const record = await readRecord(session);
    if (record?.kind !== 'file') {
      const what = record === undefined ? 'nothing' : `a ${record.kind} record`;
      const hint = record?.kind === 'directory' ? ' (it is a directory: download it as a directory)' : '';
      throw new SshError(`remote scp sent ${what} for ${remotePath}${hint}`, { reason: 'remote' });
    }
    await receiveFile(session, record.size, sink, new ProgressCounter(record.size, options.onProgress), options);
    await session.finish();
  } catch (error) {
    session.dispose();
    throw error;
  }
}

/**
 * Downloads a remote directory: with a trailing `/` on `remoteDir` its contents go into `localDir`, otherwise
 * the directory itself goes into `localDir` (created when missing). Excluded entries are received and dropped.
 */
export async function scpDownloadDirectory(
  open: OpenCommandChannel,
  remoteDir: string,
  localDir: string,
  exclude: readonly string[] | undefined,
  options: ScpUploadOptions,
): Promise<void> {
  const isExcluded = compileExcludes(exclude);
  const progress = new ProgressCounter(undefined, options.onProgress);
  await mkdir(localDir, { recursive: true });
  const session = await ScpSession.start(open, `scp -r -f ${shellQuotePath(remoteDir)}`, options.signal);
  try {
    await session.sendOk();
    const top = await readRecord(session);
    if (top?.kind !== 'directory') {
      throw new SshError(`${remoteDir} is not a directory on the remote machine`, { reason: 'remote' });
    }
    const root = remoteDir.endsWith('/') ? localDir : join(localDir, top.name);
    await mkdir(root, { recursive: true, mode: top.mode | 0o700 });
    await session.sendOk();
    await receiveTree(session, root, isExcluded, progress, options);
    await session.finish();
  } catch (error) {
    session.dispose();
    throw error;
  }
}

interface Level {
  path: string;
  relative: string;
  skipped: boolean;
}

async function receiveTree(
  session: ScpSession,
  root: string,
  isExcluded: ExcludeMatcher,
  progress: ProgressCounter,
  options: ScpUploadOptions,
): Promise<void> {
  const stack: Level[] = [{ path: root, relative: '', skipped: false }];
  for (;;) {
    const record = await readRecord(session);
    const level = stack[stack.length - 1];
    if (record === undefined || level === undefined) {
      throw new SshError('remote scp ended in the middle of a directory', { reason: 'protocol' });
    }
    if (record.kind === 'end') {
      stack.pop();
      await session.sendOk();
      if (stack.length === 0) return;
      continue;
    }
    if (record.kind === 'times') {
      await session.sendOk();
      continue;
    }
    const relative = level.relative === '' ? record.name : `${level.relative}/${record.name}`;
    const path = join(level.path, record.name);
    const skipped = level.skipped || isExcluded(relative, record.kind === 'directory');
    if (record.kind === 'directory') {
      if (!skipped) await mkdir(path, { recursive: true, mode: record.mode | 0o700 });
      stack.push({ path, relative, skipped });
      await session.sendOk();
      continue;
    }
    const file = skipped ? undefined : createWriteStream(path, { mode: record.mode, highWaterMark: 1024 * 1024 });
    try {
      await receiveFile(session, record.size, file, progress, options);
    } finally {
      if (file !== undefined) await endWritable(file);
    }
  }
}

async function receiveFile(
  session: ScpSession,
  size: number,
  sink: Writable | undefined,
  progress: ProgressCounter,
  options: ScpUploadOptions,
): Promise<void> {
  await session.sendOk();
  const pieces = session.reader.readExact(size);
  for (;;) {
    const next = await session.read(() => pieces.next());
    if (next.done === true) break;
    if (sink !== undefined) await writeWithBackpressure(sink, next.value, options.signal);
    progress.add(next.value.length);
  }
  await session.readAck();
  await session.sendOk();
}

/** Reads the next record; undefined when scp ends there. Error records become SshErrors. */
async function readRecord(session: ScpSession): Promise<ScpRecord | undefined> {
  const first = await session.read(() => session.reader.readByte());
  if (first === undefined) return undefined;
  const rest = (await session.read(() => session.reader.readLine())) ?? '';
  if (first === 1 || first === 2) {
    throw new SshError(`remote scp: ${rest.trim()}`, { reason: 'remote' });
  }
  try {
    return parseRecord(String.fromCharCode(first) + rest);
  } catch (error) {
    throw new SshError((error as Error).message, { reason: 'protocol', cause: error });
  }
}
