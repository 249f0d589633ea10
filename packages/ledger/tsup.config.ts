import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base.js';

// `cli` is the `pm-ledger` bin (dist/cli.js keeps its #! line); it is not an export.
// `verify-worker` is the script of verifyLedger's helper threads, found next to the entry
// that starts them; shims: the CJS build finds it through a shimmed import.meta.url.
export default defineConfig({
  ...packageBuild({
    index: 'src/index.ts',
    cli: 'src/cli.ts',
    'verify-worker': 'src/verify-worker.ts',
  }),
  shims: true,
});
