import { fileURLToPath } from 'node:url';
import { bundleFromSources } from '../../../../test/support/source-bundle.js';

/** `pm-ledger` from source, as one script: `node <cliScript> <args>` runs the CLI. */
export const cliScript = await bundleFromSources(
  fileURLToPath(new URL('../../src/cli.ts', import.meta.url)),
);
