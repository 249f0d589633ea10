import { createRequire } from 'node:module';

/**
 * A synchronous `require` rooted at this package, in both builds: the ESM build (and vitest)
 * has `import.meta.url`; in the CJS build esbuild leaves `import.meta` empty and the module's
 * own `__filename` applies. `import.meta.url` is tried first because a global `__filename`
 * can exist in an ES module's process (`node -e` defines one as "[eval]"). A bare `require`
 * is not usable here: the ESM bundle replaces it with a shim that throws.
 */
export const loadModule: NodeJS.Require = createRequire(import.meta.url ?? __filename);
