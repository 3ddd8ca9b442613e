import type { Layer } from './layer-set';

/**
 * A volume's data. A root filesystem is a `tree`: the frozen layers of the snapshot it came from (topmost
 * first) under its own writable `upper` (what overlayfs writes, whiteouts included). A blank or copied
 * disk is `raw`: a sparse image file the VM sees as a block device.
 */
export type VolumeRecord =
  | {
      readonly kind: 'tree';
      readonly id: string;
      readonly sizeGiB: number;
      readonly dir: string;
      readonly lowers: readonly Layer[];
      readonly upper: string;
      readonly work: string;
    }
  | {
      readonly kind: 'raw';
      readonly id: string;
      readonly sizeGiB: number;
      readonly dir: string;
      readonly file: string;
    };

/** A snapshot's frozen data: layers (topmost first) of a root filesystem, or a copy of a raw disk. */
export type SnapshotRecord =
  | { readonly kind: 'tree'; readonly id: string; readonly sizeGiB: number; readonly layers: readonly Layer[] }
  | {
      readonly kind: 'raw';
      readonly id: string;
      readonly sizeGiB: number;
      readonly dir: string;
      readonly file: string;
    };
