import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';
import { workspaceAliases } from './test/support/workspace-aliases.js';

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

/** One `npm test` for every package and the cross-package suites in test/. */
export default defineConfig({
  resolve: { alias: [...workspaceAliases] },
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
