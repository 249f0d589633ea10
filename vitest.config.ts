import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const packages = fileURLToPath(new URL('./packages/', import.meta.url));

/**
 * The packages whose tests only call functions: no I/O, mocks, timers or environment left
 * changed. Their files share a worker's modules (`isolate: false`): the redact suite spent
 * 66 s of its 99 s importing the same sources into a fresh module graph per file, and ran
 * in 42 s sharing them (2-CPU VM). Every other suite keeps a fresh graph per file, since
 * `vi.mock` and module state would leak from one file into the next.
 */
const pureSuites = [
  'packages/redact/test/**/*.test.ts',
  'packages/envelope-schemas/test/**/*.test.ts',
];

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
    pool: 'forks',
    // Vitest's default, one file per CPU but one, runs the files one at a time on two CPUs.
    // Most files wait on fsync, child processes and Redis: two at a time took the suite
    // from 700-790 s to 560 s on the 2-CPU CI machine, all passing.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'pure', include: pureSuites, isolate: false } },
      {
        extends: true,
        test: {
          name: 'isolated',
          include: [
            'packages/*/test/**/*.test.ts',
            'test/**/*.test.ts',
            'examples/*/test/**/*.test.ts',
          ],
          exclude: [...configDefaults.exclude, ...pureSuites],
        },
      },
    ],
  },
});
