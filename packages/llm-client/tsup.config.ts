import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base.js';

// shims: the CJS build needs import.meta.url to find the shipped templates/ folder.
export default defineConfig({
  ...packageBuild({
    index: 'src/index.ts',
    openai: 'src/openai.ts',
    replay: 'src/replay.ts',
    testing: 'src/testing.ts',
  }),
  shims: true,
});
