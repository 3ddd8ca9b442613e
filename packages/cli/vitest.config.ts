import { defineConfig } from 'vitest/config';

// Most of this package's test time is spent waiting on spawned osc-packer processes and local-cloud VMs, not
// on the CPU: run up to four test files at once so that the end-to-end files overlap.
export default defineConfig({
  test: {
    maxWorkers: 4,
  },
});
