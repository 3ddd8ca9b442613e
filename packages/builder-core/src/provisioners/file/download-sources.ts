import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Communicator } from '../../communicator/communicator';
import type { ProvisionerRun } from '../provisioner-plugin';
import { resolveScript } from '../script-sources';

/**
 * Downloads each remote source as Packer's file provisioner does: a source ending in `/` (or holding a
 * glob) is a directory fetched with `downloadDir`; a file goes to `destination`, or into it when it ends
 * in `/`. Local parent directories are created. Unlike Packer, every source is downloaded (Packer stops
 * after the first directory).
 */
export async function downloadSources(
  run: ProvisionerRun,
  communicator: Communicator,
  sources: readonly string[],
  destination: string,
): Promise<void> {
  for (const source of sources) {
    const isDir = source.endsWith('/') || /[*?[]/.test(source);
    let local = resolveScript(run.cwd, destination);
    let dir = local;
    if (!destination.endsWith('/')) dir = dirname(local);
    else if (!isDir) local = join(local, basename(source));
    run.ui.say(
      `Downloading ${source} => ${destination.endsWith('/') && !isDir ? join(destination, basename(source)) : destination}`,
    );
    await mkdir(dir, { recursive: true, mode: 0o755 });
    try {
      if (isDir) {
        await communicator.downloadDir(source, local, { signal: run.signal });
        continue;
      }
      const sink = createWriteStream(local, { mode: 0o644 });
      try {
        await communicator.download(source, sink, { signal: run.signal });
      } finally {
        if (!sink.writableEnded) sink.end();
        await finished(sink).catch(() => undefined);
      }
    } catch (error) {
      run.ui.error(`Download failed: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  }
}
