import { runCommand } from '../runtime/run-command';

/** Attaches a disk image to a free loop device (root only) and returns the device's path. */
export async function attachLoopDevice(file: string): Promise<string> {
  const { stdout } = await runCommand('losetup', ['--find', '--show', file]);
  const device = stdout.trim();
  if (!/^\/dev\/loop\d+$/.test(device)) throw new Error(`losetup printed an unexpected device: ${device}`);
  return device;
}

/** Detaches a loop device; one already gone is fine. */
export async function detachLoopDevice(device: string): Promise<void> {
  await runCommand('losetup', ['--detach', device]).catch(() => {});
}

/** The loop devices currently backed by `file` (for leak checks). */
export async function loopDevicesOf(file: string): Promise<string[]> {
  const { stdout } = await runCommand('losetup', ['--associated', file, '--noheadings', '--output', 'NAME']);
  return stdout.split('\n').filter((line) => line.trim() !== '');
}
