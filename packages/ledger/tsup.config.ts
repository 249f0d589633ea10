import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base.js';

// `cli` is the `pm-ledger` bin (dist/cli.js keeps its #! line); it is not an export.
export default defineConfig(packageBuild({ index: 'src/index.ts', cli: 'src/cli.ts' }));
