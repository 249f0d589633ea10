import { parseArgs } from 'node:util';
import { LEDGER_RECORD_TYPES, StageName } from '@pm/envelope-schemas';
import { UsageError } from './usage-error.js';

/** Every option of every command, so a command line parses the same whatever its command. */
const OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  'run-id': { type: 'string' },
  'public-key': { type: 'string' },
  checkpoint: { type: 'string' },
  workers: { type: 'string' },
  type: { type: 'string' },
  stage: { type: 'string' },
} as const;

type OptionName = keyof typeof OPTIONS;

/** `--stage` value for records without a stage: what `show` prints in their stage column. */
export const NO_STAGE = '-';

/** Options every command takes (`--help` too, not listed in messages). */
const SHARED = ['run-id', 'json'] as const satisfies readonly OptionName[];

/**
 * Each command's own options. Another command's option is refused, never ignored: `show
 * --public-key k` passing quietly would read as a checked signature.
 */
const OWN = {
  verify: ['public-key', 'checkpoint', 'workers'],
  summary: [],
  show: ['type', 'stage'],
} as const satisfies Record<string, readonly OptionName[]>;

/** A `pm-ledger` command. */
export type CommandName = keyof typeof OWN;

/** The option values given, by option name. */
export type OptionValues = ReturnType<typeof parseAll>['values'];

/** What a command line asks for: the usage text, or one command on one run directory. */
export type CommandLine =
  | { help: true }
  | { help: false; command: CommandName; runDir: string; values: OptionValues };

/**
 * Parses `pm-ledger`'s arguments (without node and script).
 *
 * @throws UsageError naming what is wrong: an unknown command or option, an option the
 *   command does not take, a missing run directory, an empty value, an option given twice,
 *   a malformed `--workers`, a `--type` that is not a record type, a `--stage` that is not
 *   a stage name or `-`.
 */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  let parsed: ReturnType<typeof parseAll>;
  try {
    parsed = parseAll(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals, tokens } = parsed;
  if (values.help || positionals[0] === 'help') return { help: true };
  const [command, runDir, ...extra] = positionals;
  if (command === undefined) throw new UsageError('name a command: verify, summary or show');
  if (!Object.hasOwn(OWN, command)) {
    throw new UsageError(`unknown command ${JSON.stringify(command)}: use verify, summary or show`);
  }
  const name = command as CommandName;
  if (runDir === undefined) throw new UsageError(`${name} needs the run directory to read`);
  // An unset shell variable (`pm-ledger verify "$RUN"`), not the current folder.
  if (runDir === '')
    throw new UsageError(`${name} was given an empty run directory: pass its path`);
  if (extra.length > 0) {
    throw new UsageError(
      `${name} reads one run directory; ${extra.length + 1} were given (quote a path with spaces)`,
    );
  }
  const allowed: readonly string[] = [...OWN[name], ...SHARED];
  for (const token of tokens) {
    if (token.kind === 'option' && token.name !== 'help' && !allowed.includes(token.name)) {
      throw new UsageError(
        `${token.rawName} is not an option of ${name}: ${name} takes ${allowed.map((o) => `--${o}`).join(', ')}`,
      );
    }
  }
  for (const token of tokens) {
    // An empty value is a slip (an unset shell variable), not a run id or a file to read.
    if (token.kind === 'option' && token.value === '') {
      throw new UsageError(
        `${token.rawName} was given an empty value: pass ${token.rawName === '--run-id' ? "the run id the ledger holds, or leave it out to use the folder's name" : 'a value, or leave the option out'}`,
      );
    }
  }
  // parseArgs keeps the last of a repeated option: `--type request --type error` would list
  // errors only, read as "these are the requests and errors".
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.value === undefined) continue;
    if (seen.has(token.name)) {
      throw new UsageError(
        `--${token.name} was given more than once: ${name} takes one (run it once per value)`,
      );
    }
    seen.add(token.name);
  }
  if (values.workers !== undefined && !/^\d{1,3}$/.test(values.workers)) {
    throw new UsageError('--workers takes a whole number of helper threads (0 for none)');
  }
  // A typo would match no record: an empty listing that reads as "none of that type".
  if (
    values.type !== undefined &&
    !(LEDGER_RECORD_TYPES as readonly string[]).includes(values.type)
  ) {
    throw new UsageError(`--type takes a record type: ${LEDGER_RECORD_TYPES.join(', ')}`);
  }
  // Same reason: a stage no record can have. `-` is how the listing shows "no stage".
  if (
    values.stage !== undefined &&
    values.stage !== NO_STAGE &&
    !StageName.safeParse(values.stage).success
  ) {
    throw new UsageError(
      `--stage takes a stage name (letters, digits, ".", "_", ":" or "-", starting with a letter or digit), or ${NO_STAGE} for records without a stage`,
    );
  }
  return { help: false, command: name, runDir, values };
}

/**
 * True when `argv` holds `--json` before any `--`: read without parsing, so that a usage
 * error (which stops the parse) is still printed as JSON for a caller that asked for it.
 */
export function asksForJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).some(
    (arg) => arg === '--json' || arg.startsWith('--json='),
  );
}

function parseAll(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    tokens: true,
    options: OPTIONS,
  });
}
