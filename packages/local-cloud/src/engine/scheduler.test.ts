import { describe, expect, it, vi } from 'vitest';
import { Scheduler, SchedulerClosedError } from './scheduler';
import { resolveTimings } from './timing-profiles';

describe('timings', () => {
  it('resolves profiles with scale and overrides', () => {
    expect(resolveTimings().vmBoot).toBe(800);
    expect(resolveTimings({ profile: 'instant' }).snapshotCreate).toBe(0);
    const scaled = resolveTimings({ profile: 'realistic', scale: 0.1, overrides: { volumeAttach: 5 } });
    expect(scaled.vmBoot).toBe(3500);
    expect(scaled.volumeAttach).toBe(5);
    expect(scaled.vmTerminatedRetention).toBe(3_600_000);
    expect(() => resolveTimings({ scale: -1 })).toThrow(RangeError);
  });
});

describe('scheduler', () => {
  it('ends even a zero delay after the current turn, and reports task failures', async () => {
    const failures: unknown[] = [];
    const scheduler = new Scheduler(resolveTimings({ profile: 'instant' }), (error) => failures.push(error));
    const order: string[] = [];
    scheduler.run(async () => {
      await scheduler.wait('vmBoot');
      order.push('booted');
    });
    scheduler.run(async () => {
      throw new Error('boom');
    });
    order.push('answered');
    await vi.waitFor(() => expect(order).toEqual(['answered', 'booted']));
    await scheduler.close();
    expect(failures).toHaveLength(1);
  });

  it('abandons pending delays on close without reporting them', async () => {
    const failures: unknown[] = [];
    const scheduler = new Scheduler(resolveTimings({ profile: 'realistic' }), (error) => failures.push(error));
    let ended = false;
    scheduler.run(async () => {
      await scheduler.wait('imageExport');
      ended = true;
    });
    await scheduler.close();
    expect(ended).toBe(false);
    expect(failures).toEqual([]);
    await expect(scheduler.sleep(1)).rejects.toBeInstanceOf(SchedulerClosedError);
  });
});
