/**
 * How long each asynchronous transition of the cloud takes, in milliseconds. A transition that also needs
 * real work (booting a VM, copying data into a snapshot) ends when both the delay and the work are done.
 */
export interface Timings {
  /** VM `pending -> running`. */
  vmBoot: number;
  /** VM `stopping -> stopped`. */
  vmStop: number;
  /** VM `shutting-down -> terminated`. */
  vmTerminate: number;
  /** How long a VM that rebooted (from inside, or by its `restart` shutdown behaviour) is down. */
  vmReboot: number;
  /** How long a terminated VM stays visible in ReadVms before it disappears. */
  vmTerminatedRetention: number;
  /** Image `pending -> available`. */
  imageCreate: number;
  /** Snapshot `pending -> completed` (Progress grows over this time). */
  snapshotCreate: number;
  /** Snapshot `deleting -> gone`. */
  snapshotDelete: number;
  /** Volume `creating -> available`. */
  volumeCreate: number;
  /** Volume `deleting -> gone`. */
  volumeDelete: number;
  /** Volume link `attaching -> attached`. */
  volumeAttach: number;
  /** Volume link `detaching -> detached`. */
  volumeDetach: number;
  /** Image export task `pending -> completed`. */
  imageExport: number;
}

/** The named profiles: `instant` for unit tests, `fast` (default) for builds in seconds, `realistic`. */
export type TimingProfileName = 'instant' | 'fast' | 'realistic';

const terminatedRetention = 60_000;

export const timingProfiles: Readonly<Record<TimingProfileName, Readonly<Timings>>> = {
  // Every transition still happens after the answer that started it, so tests see `pending` first.
  instant: {
    vmBoot: 0,
    vmStop: 0,
    vmTerminate: 0,
    vmReboot: 0,
    vmTerminatedRetention: terminatedRetention,
    imageCreate: 0,
    snapshotCreate: 0,
    snapshotDelete: 0,
    volumeCreate: 0,
    volumeDelete: 0,
    volumeAttach: 0,
    volumeDetach: 0,
    imageExport: 0,
  },
  fast: {
    vmBoot: 800,
    vmStop: 400,
    vmTerminate: 400,
    vmReboot: 500,
    vmTerminatedRetention: terminatedRetention,
    imageCreate: 800,
    snapshotCreate: 600,
    snapshotDelete: 200,
    volumeCreate: 300,
    volumeDelete: 200,
    volumeAttach: 200,
    volumeDetach: 200,
    imageExport: 800,
  },
  // Durations seen on Outscale for small Debian VMs; scale them down with `scale` for demos.
  realistic: {
    vmBoot: 35_000,
    vmStop: 25_000,
    vmTerminate: 15_000,
    vmReboot: 20_000,
    vmTerminatedRetention: 3_600_000,
    imageCreate: 60_000,
    snapshotCreate: 45_000,
    snapshotDelete: 5_000,
    volumeCreate: 6_000,
    volumeDelete: 4_000,
    volumeAttach: 3_000,
    volumeDetach: 3_000,
    imageExport: 120_000,
  },
};

/** A profile, optionally scaled, with per-transition overrides (overrides are not scaled). */
export interface TimingOptions {
  profile?: TimingProfileName;
  /** Multiplies every duration of the profile (e.g. `0.1` for a realistic run ten times faster). */
  scale?: number;
  overrides?: Partial<Timings>;
}

/** The effective durations for the given options. */
export function resolveTimings(options: TimingOptions = {}): Timings {
  const base = timingProfiles[options.profile ?? 'fast'];
  const scale = options.scale ?? 1;
  if (!(scale >= 0) || !Number.isFinite(scale)) throw new RangeError(`timing scale must be a finite number >= 0`);
  const scaled = Object.fromEntries(
    Object.entries(base).map(([key, ms]) => [key, key === 'vmTerminatedRetention' ? ms : Math.round(ms * scale)]),
  ) as unknown as Timings;
  for (const [key, ms] of Object.entries(options.overrides ?? {})) {
    if (ms === undefined) continue;
    if (!(ms >= 0)) throw new RangeError(`timing override '${key}' must be a number of milliseconds >= 0`);
    scaled[key as keyof Timings] = ms;
  }
  return scaled;
}

/** True when `value` names a timing profile. */
export function isTimingProfileName(value: string): value is TimingProfileName {
  return Object.hasOwn(timingProfiles, value);
}
