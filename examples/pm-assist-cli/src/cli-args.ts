import { parseArgs } from 'node:util';

/** The command line is wrong: exit 2 with a pointer to `--help`. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The models this host's policy allows; any other is refused by the policy (exit 4). */
export const ALLOWED_MODELS = ['gpt-5.2', 'gpt-5-mini', 'gpt-5-nano'] as const;

/** What the command line asks for, validated. */
export interface CliArgs {
  command: 'agent' | 'report' | 'help';
  goal: string;
  sections: string[];
  offline: boolean;
  dryRun: boolean;
  json: boolean;
  quiet: boolean;
  model: string;
  baseUrl: string;
  ledgerDir: string;
  level: 1 | 2 | 3 | 4;
  maxCostUsd: number;
  /** A CSV event log with the columns case_id, activity, timestamp; default the bundled one. */
  log: string | undefined;
}

export const USAGE = `Usage:
  pm-assist agent --goal "<what you want to find out>" [options]
      Interprets the goal and recommends the next command. The command is printed as
      data for you to confirm; pm-assist runs nothing.
  pm-assist report --narrative [--section "<title>"]... [options]
      Drafts report sections from aggregates computed locally (default section:
      "Process performance overview").

Both call OpenAI and need OPENAI_API_KEY, unless --offline.

Options:
  --offline            offline narrative templates: no key, nothing leaves the process
  --dry-run            print the token and cost estimate; send nothing
  --model <name>       ${ALLOWED_MODELS.join(', ')} (default gpt-5.2)
  --base-url <url>     a gateway or OpenAI-compatible server (default https://api.openai.com/v1)
  --level <1-4>        disclosure level of the context sent (default 4: aggregates)
  --max-cost <usd>     hard USD cap of the run (default 0.50)
  --log <file.csv>     event log with columns case_id, activity, timestamp (default: bundled sample)
  --ledger-dir <dir>   where run ledgers go (default .pm-ledger)
  --json               machine-readable output on stdout
  --quiet              no progress lines on stderr
  -h, --help           this text

Exit codes:
  0 ok   1 other failure   2 usage error   3 OPENAI_API_KEY missing
  4 refused (policy, budget, approval, egress)   5 provider unavailable
  6 model output failed validation
`;

const OPTIONS = {
  goal: { type: 'string' },
  narrative: { type: 'boolean', default: false },
  section: { type: 'string', multiple: true },
  offline: { type: 'boolean', default: false },
  'dry-run': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
  model: { type: 'string', default: 'gpt-5.2' },
  'base-url': { type: 'string', default: 'https://api.openai.com/v1' },
  level: { type: 'string', default: '4' },
  'max-cost': { type: 'string', default: '0.50' },
  log: { type: 'string' },
  'ledger-dir': { type: 'string', default: '.pm-ledger' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** Parses and validates argv (without the node and script paths). Throws `UsageError`. */
export function parseCli(argv: readonly string[]): CliArgs {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs throws TypeErrors (ERR_PARSE_ARGS_*) whose messages name the bad option.
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, extra] = positionals;
  const common = {
    goal: values.goal ?? '',
    sections: values.section ?? ['Process performance overview'],
    offline: values.offline,
    dryRun: values['dry-run'],
    json: values.json,
    quiet: values.quiet,
    model: values.model,
    baseUrl: values['base-url'],
    ledgerDir: values['ledger-dir'],
    level: 4 as CliArgs['level'],
    maxCostUsd: 0.5,
    log: values.log,
  };
  if (values.help || command === 'help') return { ...common, command: 'help' };
  if (command === undefined) throw new UsageError('missing command: agent or report.');
  if (command !== 'agent' && command !== 'report') {
    throw new UsageError(`unknown command "${command}": use agent or report.`);
  }
  if (extra !== undefined) {
    throw new UsageError(`unexpected argument "${extra}" (quote text with spaces).`);
  }
  if (command === 'agent') {
    if (!common.goal.trim()) throw new UsageError('agent needs --goal "<text>".');
    if (values.narrative || values.section) {
      throw new UsageError('--narrative and --section belong to the report command.');
    }
  } else {
    if (!values.narrative) {
      throw new UsageError('report drafts narratives only here: pm-assist report --narrative.');
    }
    if (values.goal !== undefined) throw new UsageError('--goal belongs to the agent command.');
    if (common.sections.some((s) => !s.trim())) throw new UsageError('--section is empty.');
  }
  const level = Number(values.level);
  // Level 5 sends row samples and needs a human approval: not something a CLI flag grants.
  if (![1, 2, 3, 4].includes(level)) throw new UsageError('--level must be 1, 2, 3 or 4.');
  const maxCostUsd = Number(values['max-cost']);
  if (!(maxCostUsd > 0)) throw new UsageError('--max-cost must be a positive number of USD.');
  if (!URL.canParse(common.baseUrl)) throw new UsageError('--base-url must be a URL.');
  return { ...common, command, level: level as CliArgs['level'], maxCostUsd };
}
