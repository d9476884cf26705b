import { defineConfig } from 'vitest/config';

// Tests live beside the stage they test (`<stage>/test/**/*.test.ts`). Some boot VMs or build the site: allow time.
// The summary reporter prints the plain `tests: N passed, N failed` line that CI reads.
export default defineConfig({
  test: {
    include: ['model/**/*.test.ts', 'analyzer/**/*.test.ts', 'site/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    reporters: ['default', './scripts/test-summary-reporter.ts'],
  },
});
