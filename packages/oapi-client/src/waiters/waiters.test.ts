import { describe, expect, it } from 'vitest';
import type { OapiClient } from '../client/oapi-client';
import { OapiError } from '../errors/oapi-error';
import { fakeClock } from '../testing-support/fake-clock';
import { waitFor } from './wait-for';
import { waitForImageAvailable } from './wait-for-image';
import { waitForSnapshotCompleted } from './wait-for-snapshot';
import { waitForVmState, waitForVmTerminated } from './wait-for-vm';
import { waitForVolumeLinked, waitForVolumeUnlinked } from './wait-for-volume';
import { WaiterError } from './waiter-error';
import { defaultWaiterOptions } from './waiter-options';

/** A client whose answers are scripted per poll; the last answer repeats. */
function scripted(answers: unknown[]): Pick<OapiClient, 'call'> & { calls: unknown[] } {
  const calls: unknown[] = [];
  return {
    calls,
    call: (async (operation: string, input: unknown) => {
      calls.push({ operation, input });
      const next = answers.length > 1 ? answers.shift() : answers[0];
      if (next instanceof Error) throw next;
      return next;
    }) as OapiClient['call'],
  };
}

const vm = (State: string, extra: Record<string, unknown> = {}) => ({ Vms: [{ VmId: 'i-123', State, ...extra }] });

describe('waiters', () => {
  it('waits for a VM to be running, backing off from the minimum delay with jitter up to the maximum', async () => {
    const clock = fakeClock();
    const client = scripted([vm('pending'), vm('pending'), vm('pending'), vm('pending'), vm('running')]);
    const result = await waitForVmState(client, 'i-123', 'running', {
      ...clock,
      random: () => 1,
      minDelayMs: 1000,
      maxDelayMs: 5000,
    });
    expect(result.State).toBe('running');
    expect(clock.sleeps).toEqual([1000, 2000, 4000, 5000]);
    expect(client.calls[0]).toEqual({ operation: 'ReadVms', input: { Filters: { VmIds: ['i-123'] } } });
  });

  it('fails at once when the VM is terminated while waiting for running, with its state reason', async () => {
    const clock = fakeClock();
    const client = scripted([vm('pending'), vm('terminated', { StateReason: 'Server.InsufficientCapacity' })]);
    const error = await waitForVmState(client, 'i-123', 'running', clock).catch((e: unknown) => e);
    expect(WaiterError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'failed-state', lastObserved: 'terminated' });
    expect((error as Error).message).toBe(
      'stopped waiting for vm i-123 to be running: it is terminated (Server.InsufficientCapacity)',
    );
  });

  it('times out with what it last saw', async () => {
    const clock = fakeClock();
    const client = scripted([vm('pending')]);
    const error = await waitForVmState(client, 'i-123', 'running', { ...clock, timeoutMs: 600_000 }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toBe(
      'timed out after 10m waiting for vm i-123 to be running; last state: pending',
    );
    // A last poll ran at the deadline itself.
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(600_000);
  });

  it('treats "not found" as pending during the grace period after a create, then fails', async () => {
    const clock = fakeClock();
    const client = scripted([{ Vms: [] }, { Vms: [] }, vm('running')]);
    await expect(waitForVmState(client, 'i-123', 'running', clock)).resolves.toMatchObject({ State: 'running' });

    const gone = scripted([{ Images: [] }]);
    const error = await waitForImageAvailable(gone, 'ami-1', { ...clock, notFoundGraceMs: 10_000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ kind: 'not-found' });
    expect((error as Error).message).toMatch(
      /^stopped waiting for image ami-1 to be available: it was still not found after 1\ds$/,
    );
  });

  it('fails on a failed image with the StateComment message', async () => {
    const clock = fakeClock();
    const client = scripted([
      { Images: [{ ImageId: 'ami-1', State: 'pending' }] },
      {
        Images: [
          {
            ImageId: 'ami-1',
            State: 'failed',
            StateComment: { StateCode: 'Server.Error', StateMessage: 'snapshot failed' },
          },
        ],
      },
    ]);
    await expect(waitForImageAvailable(client, 'ami-1', clock)).rejects.toThrow(
      'stopped waiting for image ami-1 to be available: it is failed (Server.Error: snapshot failed)',
    );
  });

  it('fails on a snapshot in error, and reports progress while pending', async () => {
    const clock = fakeClock();
    const client = scripted([{ Snapshots: [{ SnapshotId: 'snap-1', State: 'pending', Progress: 40 }] }]);
    const timeout = await waitForSnapshotCompleted(client, 'snap-1', { ...clock, timeoutMs: 5000 }).catch(
      (e: unknown) => e,
    );
    expect((timeout as Error).message).toMatch(/last state: pending \(40%\)$/);
    const failing = scripted([{ Snapshots: [{ SnapshotId: 'snap-1', State: 'error' }] }]);
    await expect(waitForSnapshotCompleted(failing, 'snap-1', clock)).rejects.toMatchObject({
      kind: 'failed-state',
      lastObserved: 'error',
    });
  });

  it('waits for a volume link to be attached, and for it to be gone', async () => {
    const clock = fakeClock();
    const link = (State: string) => ({ VmId: 'i-1', VolumeId: 'vol-1', State });
    const linking = scripted([
      { Volumes: [{ VolumeId: 'vol-1', State: 'in-use', LinkedVolumes: [link('attaching')] }] },
      { Volumes: [{ VolumeId: 'vol-1', State: 'in-use', LinkedVolumes: [link('attached')] }] },
    ]);
    await expect(waitForVolumeLinked(linking, 'vol-1', { ...clock, vmId: 'i-1' })).resolves.toMatchObject({
      State: 'in-use',
    });
    const unlinking = scripted([
      { Volumes: [{ VolumeId: 'vol-1', State: 'in-use', LinkedVolumes: [link('detaching')] }] },
      { Volumes: [{ VolumeId: 'vol-1', State: 'available', LinkedVolumes: [] }] },
    ]);
    await expect(waitForVolumeUnlinked(unlinking, 'vol-1', clock)).resolves.toMatchObject({ State: 'available' });
    const broken = scripted([{ Volumes: [{ VolumeId: 'vol-1', State: 'error' }] }]);
    await expect(waitForVolumeLinked(broken, 'vol-1', clock)).rejects.toThrow(
      'stopped waiting for volume vol-1 to be linked: it is error',
    );
  });

  it('counts a VM that disappears as terminated', async () => {
    const clock = fakeClock();
    await expect(waitForVmTerminated(scripted([vm('shutting-down'), { Vms: [] }]), 'i-123', clock)).resolves.toBe(
      undefined,
    );
  });

  it('keeps waiting through a transient read failure but stops on a real error', async () => {
    const clock = fakeClock();
    const throttled = new OapiError({ operation: 'ReadVms', status: 503, errors: [], retryable: true });
    await expect(
      waitForVmState(scripted([vm('pending'), throttled, vm('running')]), 'i-123', 'running', clock),
    ).resolves.toMatchObject({ State: 'running' });
    const denied = new OapiError({ operation: 'ReadVms', status: 401, errors: [], retryable: false });
    await expect(waitForVmState(scripted([denied]), 'i-123', 'running', clock)).rejects.toBe(denied);
  });

  it('keeps the defaults of options given as undefined (a template without polling settings)', async () => {
    const clock = fakeClock();
    const unset = { minDelayMs: undefined, maxDelayMs: undefined, timeoutMs: undefined, maxAttempts: undefined };
    const pending = scripted([vm('pending')]);
    // Without the defaults the wait never ends: give up after far more polls than 15 minutes of backoff makes.
    const guarded: Pick<OapiClient, 'call'> = {
      call: ((...args: Parameters<OapiClient['call']>) => {
        if (pending.calls.length > 10_000) throw new Error('polled in a tight loop');
        return pending.call(...args);
      }) as OapiClient['call'],
    };
    const error = await waitForVmState(guarded, 'i-123', 'running', {
      ...clock,
      ...unset,
      random: () => 0,
    }).catch((e: unknown) => e);
    // VM waits end at their own 15-minute default, polling from the default first delay, never in a tight loop.
    expect(error).toMatchObject({ kind: 'timeout', elapsedMs: 15 * 60_000 });
    expect(clock.sleeps[0]).toBe(defaultWaiterOptions.minDelayMs);
    expect(Math.min(...clock.sleeps.slice(0, -1))).toBe(defaultWaiterOptions.minDelayMs);
    let polls = 0;
    const generic = await waitFor(
      async () => {
        polls += 1;
        if (polls > 10_000) throw new Error('polled in a tight loop');
        return { status: 'pending' as const, observed: 'pending' };
      },
      {
        ...clock,
        ...unset,
        description: 'x',
      },
    ).catch((e: unknown) => e);
    expect(generic).toMatchObject({ kind: 'timeout', elapsedMs: 60 * 60_000 });
  });

  it('stops after maxAttempts polls', async () => {
    const clock = fakeClock();
    await expect(
      waitForVmState(scripted([vm('pending')]), 'i-123', 'running', { ...clock, maxAttempts: 3 }),
    ).rejects.toMatchObject({
      kind: 'max-attempts',
    });
    expect(clock.sleeps).toHaveLength(2);
  });

  it('stops at once when aborted during a wait', async () => {
    const controller = new AbortController();
    const poll = async () => {
      // Abort while the waiter is about to sleep: the real sleep must not run its course.
      queueMicrotask(() => controller.abort(new Error('cancelled')));
      return { status: 'pending' as const, observed: 'pending' };
    };
    const started = performance.now();
    await expect(waitFor(poll, { description: 'x', minDelayMs: 60_000, signal: controller.signal })).rejects.toThrow(
      'cancelled',
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
