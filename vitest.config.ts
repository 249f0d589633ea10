import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packages = fileURLToPath(new URL('./packages/', import.meta.url));

/**
 * One `npm test` for every package and the cross-package suites in test/. Workspace
 * imports resolve to source, so tests never run against a stale build.
 */
export default defineConfig({
  resolve: {
    alias: [
      {
        find: /^@pm\/envelope-schemas\/schemas\/(.+)$/,
        replacement: `${packages}envelope-schemas/schemas/$1`,
      },
      { find: /^@pm\/([a-z-]+)$/, replacement: `${packages}$1/src/index.ts` },
      { find: /^@pm\/([a-z-]+)\/([a-z-]+)$/, replacement: `${packages}$1/src/$2.ts` },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    pool: 'forks',
    // Vitest's default, one file per CPU but one, runs the files one at a time on two CPUs.
    // Most files wait on fsync, child processes and Redis: two at a time took the suite
    // from 700-790 s to 560 s on the 2-CPU CI machine, all passing.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
