import { isPmError } from '@pm/envelope-schemas/core';
import type { CliIo } from './cli-io.js';
import { EXIT } from './exit-codes.js';
import { asksForJson, type CommandLine, parseCommandLine } from './parse-command-line.js';
import { showCommand } from './show-command.js';
import { summaryCommand } from './summary-command.js';
import { refuseUndecodablePath } from './undecodable-path.js';
import { UsageError } from './usage-error.js';
import { verifyCommand } from './verify-command.js';

const USAGE = `usage: pm-ledger <command> <runDir> [options]

  verify <runDir> [--public-key FILE] [--checkpoint FILE] [--workers N] [--run-id R] [--json]
      check hashes, links, schema, artifacts, secrets and the signed checkpoint
      (--workers: helper threads for lines, at most one per spare CPU; default one per
      spare CPU from 128 MiB; one more checks artifacts when 12,000 are stored; 0: none)
  summary <runDir> [--run-id R] [--json]
      per-run figures: requests, tokens, cost, models, stages, approvals, errors
  show <runDir> [--type TYPE] [--stage STAGE] [--run-id R] [--json]
      list records (--json: one full record per line; --stage -: records without a stage)

  --run-id: the run the ledger must hold; default the folder's name (for a renamed copy)
  each command takes only the options listed for it, each at most once

exit codes: 0 ok, 1 problems found or ledger damaged, 2 usage error, 3 cannot read,
  70 internal error (a bug: please report it), 141 output closed early (| head)
`;

/** Runs `pm-ledger` with `argv` (without node and script); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  // Known before parsing, so that a command line too broken to parse still answers in JSON.
  const json = asksForJson(argv);
  let line: CommandLine;
  try {
    line = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (json) printJsonFailure(io, error.code, error.message);
    io.err(`pm-ledger: ${error.message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (line.help) {
    io.out(USAGE);
    return EXIT.ok;
  }
  const { command, runDir, values } = line;
  const run = values['run-id'] === undefined ? {} : { runId: values['run-id'] };
  try {
    refuseUndecodablePath(runDir);
    switch (command) {
      case 'verify':
        return await verifyCommand(
          runDir,
          {
            json,
            ...(values['public-key'] === undefined ? {} : { publicKey: values['public-key'] }),
            ...(values.checkpoint === undefined ? {} : { checkpoint: values.checkpoint }),
            ...(values.workers === undefined ? {} : { workers: Number(values.workers) }),
            ...run,
          },
          io,
        );
      case 'summary':
        return await summaryCommand(runDir, { json, ...run }, io);
      case 'show':
        return await showCommand(
          runDir,
          {
            json,
            ...run,
            ...(values.type === undefined ? {} : { type: values.type }),
            ...(values.stage === undefined ? {} : { stage: values.stage }),
          },
          io,
        );
    }
  } catch (error) {
    return failed(io, json, error);
  }
}

/**
 * Reports a command that threw and gives its exit code: the package's own errors and the
 * system's (an errno code: the file could not be read) are the user's to act on; anything
 * else is a bug, said so with its stack, since only the stack lets it be fixed.
 */
export function failed(io: CliIo, json: boolean, error: unknown): number {
  const message = error instanceof Error ? error.message : String(error);
  const code = codeOf(error);
  if (code === undefined) {
    if (json) printJsonFailure(io, 'INTERNAL', message);
    const stack = error instanceof Error && error.stack ? error.stack : message;
    io.err(`pm-ledger: internal error (a bug in pm-ledger; please report it):\n${stack}\n`);
    return EXIT.internal;
  }
  if (json) printJsonFailure(io, code, message);
  io.err(`pm-ledger: ${message}\n`);
  return code === 'LEDGER_CORRUPT' ? EXIT.problems : EXIT.unreadable;
}

/** The README's `--json` failure shape, on stdout. */
function printJsonFailure(io: CliIo, code: string, message: string): void {
  io.out(`${JSON.stringify({ ok: false, error: { code, message } })}\n`);
}

/** The PmError code, or the system error's (`ENOENT`), or undefined for anything else. */
function codeOf(error: unknown): string | undefined {
  if (isPmError(error)) return error.code;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
