import { fileURLToPath } from 'node:url';

const packages = fileURLToPath(new URL('../../packages/', import.meta.url));

/**
 * Where the tests find `@pm/*`: in each package's sources, never its `dist`, so they never
 * run a stale build. vitest.config.ts resolves imports by them, and so does
 * `bundleFromSources` for the scripts of child processes.
 */
export const workspaceAliases: readonly { find: RegExp; replacement: string }[] = [
  {
    find: /^@pm\/envelope-schemas\/schemas\/(.+)$/,
    replacement: `${packages}envelope-schemas/schemas/$1`,
  },
  { find: /^@pm\/([a-z-]+)$/, replacement: `${packages}$1/src/index.ts` },
  { find: /^@pm\/([a-z-]+)\/([a-z-]+)$/, replacement: `${packages}$1/src/$2.ts` },
];
