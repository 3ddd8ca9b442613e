import { defineConfig } from 'vitest/config';

// Most of this package's test time is spent waiting on spawned osc-packer processes and local-cloud VMs, not
// on the CPU: run up to four test files at once so that the end-to-end files overlap.
export default defineConfig({
  test: {
    maxWorkers: 4,
    // expect.poll waits on the cloud after a build exits (volumes and snapshots are `deleting` for a moment):
    // its default 1 s is too short when CI's 2 cores run four builds and another package's tests at once.
    expect: { poll: { timeout: 15_000, interval: 50 } },
  },
});
