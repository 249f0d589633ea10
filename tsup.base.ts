import type { Options } from 'tsup';

/**
 * The one build every package shares: ESM + CJS + .d.ts/.d.cts per entry, for Node 20.
 * Workspace siblings and every dependency stay external (tsup's default for `dependencies`),
 * so a package never bundles another's internals. `splitting` puts what several entries of
 * a package share (`@pm/llm-client` and `@pm/llm-client/openai`, say) into one chunk per
 * module format: each entry bundled on its own had its own copy of every class, and an
 * error thrown by one entry failed the other's `instanceof` checks.
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
    splitting: true,
    treeshake: true,
    shims: false,
  };
}
