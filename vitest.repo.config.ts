import { defineConfig } from 'vitest/config';

// Checks about the repository as a whole (layering, manifests). Package tests run through turbo.
export default defineConfig({
  test: {
    include: ['tools/**/*.test.ts'],
    exclude: ['**/__fixtures__/**', '**/node_modules/**'],
  },
});
