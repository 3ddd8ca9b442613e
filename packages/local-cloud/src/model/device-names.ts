/** The root device of every VM and OMI on Outscale. */
export const rootDeviceName = '/dev/sda1';

const extraDevice = /^\/dev\/(sd|xvd)[b-z][a-z]?$/;

/** True for a device name a non-root volume may take (`/dev/sdb`, `/dev/xvdf`, `/dev/sdba`...). */
export function isExtraDeviceName(name: string): boolean {
  return extraDevice.test(name);
}

/** True for any device name a volume may take, the root one included. */
export function isDeviceName(name: string): boolean {
  return name === rootDeviceName || isExtraDeviceName(name);
}

/** Volume types and their limits (GiB, IOPS). */
export const volumeTypes = ['standard', 'gp2', 'io1'] as const;
export const maxVolumeSizeGiB = 14_901;
export const maxIops = 13_000;
export const maxIopsPerGiB = 300;
