import type { Options } from 'tsup';

/**
 * The one build every package shares: ESM + CJS + .d.ts/.d.cts per entry, for Node 20.
 * Workspace siblings and every dependency stay external (tsup's default for `dependencies`),
 * so a package never bundles another's internals.
 */
export function packageBuild(entry: Record<string, string>): Options {
  return {
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'node',
    splitting: false,
    treeshake: true,
    shims: false,
  };
}
