#!/usr/bin/env node
// The `pm-ledger` bin, a committed file rather than dist/cli.js itself: npm links a
// workspace's bins at install, before a checkout has built dist/, and links none whose
// target is missing, so `npx pm-ledger` in this repository went to the registry instead.
try {
  await import('../dist/cli.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist')) {
    throw error;
  }
  process.stderr.write('pm-ledger: @pm/ledger is not built here: run `npm run build` first.\n');
  process.exitCode = 3;
}
