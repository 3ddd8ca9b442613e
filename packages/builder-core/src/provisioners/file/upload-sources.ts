import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Communicator } from '../../communicator/communicator';
import type { ProvisionerRun } from '../provisioner-plugin';
import { resolveScript } from '../script-sources';

/**
 * Uploads each source as Packer's file provisioner does: a directory with `uploadDir` (its contents when
 * it ends in `/`, else the directory itself), a file to `destination`, or into it when it ends in `/`;
 * `content` is written to `destination` (a file named `pkr-file-content` in it when it ends in `/`).
 */
export async function uploadSources(
  run: ProvisionerRun,
  communicator: Communicator,
  sources: readonly string[],
  destination: string,
  content: string | undefined,
): Promise<void> {
  if (content !== undefined) {
    const target = destination.endsWith('/') ? `${destination}pkr-file-content` : destination;
    run.ui.say(`Uploading content => ${target}`);
    const bytes = Buffer.from(content);
    await communicator.upload(target, bytes, { size: bytes.length, mode: 0o644, signal: run.signal });
  }
  for (const source of sources) {
    run.ui.say(`Uploading ${source} => ${destination}`);
    const path = resolveScript(run.cwd, source);
    const info = await stat(path);
    try {
      if (info.isDirectory()) {
        // Keep the trailing slash: it decides between copying the directory and copying its contents.
        await communicator.uploadDir(destination, source.endsWith('/') ? `${path}/` : path, { signal: run.signal });
        continue;
      }
      const target = destination.endsWith('/') ? `${destination}${basename(path)}` : destination;
      await uploadFile(run, communicator, path, target, info.size, info.mode & 0o777);
    } catch (error) {
      run.ui.error(`Upload failed: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  }
}

async function uploadFile(
  run: ProvisionerRun,
  communicator: Communicator,
  path: string,
  target: string,
  size: number,
  mode: number,
): Promise<void> {
  const progress = run.ui.trackProgress(basename(path), size);
  try {
    // A plain file stream, not a piped copy: the communicator recognises it and reads the file directly
    // (read-ahead, reused buffers); progress comes back through onProgress.
    await communicator.upload(target, createReadStream(path), {
      size,
      mode,
      signal: run.signal,
      onProgress: (done) => progress.update(done),
    });
  } finally {
    progress.close();
  }
}
