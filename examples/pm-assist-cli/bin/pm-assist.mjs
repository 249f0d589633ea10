#!/usr/bin/env node
// The `pm-assist` launcher: runs the TypeScript source through tsx. The tsconfig is set
// before tsx starts its loader thread, so `@pm/*` imports resolve to the packages' source.
import { fileURLToPath } from 'node:url';

process.env.TSX_TSCONFIG_PATH ??= fileURLToPath(new URL('../tsconfig.json', import.meta.url));
const { register } = await import('tsx/esm/api');
register();
await import('../src/main.ts');
