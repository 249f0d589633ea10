#!/usr/bin/env node
import { exitWhenReaderGone } from './cli/reader-gone.js';
import { runCli } from './cli/run-cli.js';

// The `pm-ledger` bin. All logic lives in cli/ so tests can run it in-process.
exitWhenReaderGone(process.stdout);
exitWhenReaderGone(process.stderr);
runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`pm-ledger: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 3;
  },
);
