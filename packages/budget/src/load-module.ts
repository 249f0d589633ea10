import { createRequire } from 'node:module';

/**
 * A synchronous `require` rooted at this package, in both builds: the CJS build has
 * `__filename`; the ESM build (and vitest) has `import.meta.url`. A bare `require` is not
 * usable here: the ESM bundle replaces it with a shim that throws.
 */
export const loadModule: NodeJS.Require = createRequire(
  typeof __filename === 'string' ? __filename : import.meta.url,
);
