import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base.js';

// `cli` is the `pm-ledger` bin (dist/cli.js keeps its #! line); it is not an export.
// `verify-worker` and `artifact-worker` are the scripts of verifyLedger's helper threads
// (lines, artifacts), found next to the entry that starts them; shims: the CJS build finds
// them through a shimmed import.meta.url.
export default defineConfig({
  ...packageBuild({
    index: 'src/index.ts',
    cli: 'src/cli.ts',
    'verify-worker': 'src/verify-worker.ts',
    'artifact-worker': 'src/artifact-worker.ts',
  }),
  shims: true,
});
