import { defineConfig } from 'vitest/config';

// Tests live beside the stage they test (`<stage>/test/**/*.test.ts`). Some boot VMs or build the site: allow time.
export default defineConfig({
  test: {
    include: ['model/**/*.test.ts', 'analyzer/**/*.test.ts', 'site/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
