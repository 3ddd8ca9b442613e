import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { removeTree } from './tree-copy';

/** A frozen directory tree shared by snapshots and the volumes made from them. */
export interface Layer {
  readonly dir: string;
  refs: number;
}

/**
 * The frozen layers of a store, counted by reference: a layer lives while a snapshot or a volume still
 * stands on it (on the real cloud a volume outlives the snapshot it came from), and is removed after.
 */
export class LayerSet {
  private next = 0;

  constructor(private readonly dir: string) {}

  /** A new layer holding what `fill` puts in its (not yet existing) directory; it starts with no reference. */
  async create(name: string, fill: (dir: string) => Promise<void>): Promise<Layer> {
    await mkdir(this.dir, { recursive: true });
    const dir = join(this.dir, `${this.next++}-${name}`);
    try {
      await fill(dir);
    } catch (error) {
      await removeTree(dir);
      throw error;
    }
    return { dir, refs: 0 };
  }

  retain(layers: readonly Layer[]): void {
    for (const layer of layers) layer.refs += 1;
  }

  /** Drops one reference from each layer and removes those nobody stands on any more. */
  async release(layers: readonly Layer[]): Promise<void> {
    for (const layer of layers) {
      layer.refs -= 1;
      if (layer.refs === 0) await removeTree(layer.dir);
    }
  }
}
