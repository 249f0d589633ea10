#!/usr/bin/env node
import type { CliIo } from './cli/cli-io.js';
import { asksForJson } from './cli/parse-command-line.js';
import { exitWhenReaderGone } from './cli/reader-gone.js';
import { failed, runCli } from './cli/run-cli.js';

// The `pm-ledger` bin. All logic lives in cli/ so tests can run it in-process.
exitWhenReaderGone(process.stdout);
exitWhenReaderGone(process.stderr);
const argv = process.argv.slice(2);
const io: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};
runCli(argv, io).then(
  (code) => {
    process.exitCode = code;
  },
  // runCli answers for the commands' own failures; what reaches here failed around them.
  (error: unknown) => {
    process.exitCode = failed(io, asksForJson(argv), error);
  },
);
