interface Lease {
  block: Buffer;
  views: number;
}

/**
 * Reuses read buffers. Fresh large buffers cost page faults and zeroing in the kernel on every use (the
 * allocator hands their memory back to the system); a block comes back here once every view cut from it has
 * been released. Views never released just leave their block to the garbage collector.
 */
export class BlockPool {
  private readonly free: Buffer[] = [];
  private readonly leases = new WeakMap<Buffer, Lease>();

  constructor(
    readonly blockSize: number,
    private readonly keep = 16,
  ) {}

  /** A block of `blockSize` bytes, reused when one is free. */
  take(): Buffer {
    return this.free.pop() ?? Buffer.allocUnsafe(this.blockSize);
  }

  /** Cuts the first `length` bytes of `block` into views of at most `viewSize` bytes. */
  cut(block: Buffer, length: number, viewSize: number): Buffer[] {
    const lease: Lease = { block, views: 0 };
    const views: Buffer[] = [];
    for (let offset = 0; offset < length; offset += viewSize) {
      const view = block.subarray(offset, Math.min(offset + viewSize, length));
      this.leases.set(view, lease);
      lease.views += 1;
      views.push(view);
    }
    return views;
  }

  /** Says a view is no longer used by anyone; idempotent, ignores buffers it did not hand out. */
  release(view: Buffer): void {
    const lease = this.leases.get(view);
    if (lease === undefined) return;
    this.leases.delete(view);
    lease.views -= 1;
    if (lease.views === 0 && this.free.length < this.keep) this.free.push(lease.block);
  }
}
