// pm-assist: a small CLI host of the @pm SDK, behaving as spec 000 §2 asks of
// `pm-assist agent` and `pm-assist report --narrative`. Results go to stdout, progress and
// errors to stderr; the exit code says what happened (see --help and README.md).
//   npm start -w @pm-examples/pm-assist-cli -- agent --goal "Why are invoices slow?" --offline
import { existsSync } from 'node:fs';
import { isPmError, type LLMRun, MissingCredentialError, resolveApiKey } from '@pm/llm-client';
import { buildDisclosure } from '@pm/redact';
import { EVENT_LOG_ROLES, readCsv, readEventLog } from '@pm-examples/sample-data';
import { type CliArgs, parseCli, USAGE, UsageError } from './cli-args.js';
import { agentRequests, formatAgent, runAgent } from './commands/agent.js';
import { estimateCalls, formatEstimate, type NamedRequest } from './commands/estimate.js';
import { formatReport, reportRequests, runReport } from './commands/report.js';
import { createCliClient } from './create-client.js';
import { ExitCode, exitCodeFor } from './exit-codes.js';
import { progress } from './progress.js';

async function main(argv: readonly string[]): Promise<ExitCode> {
  const args = parseCli(argv);
  if (args.command === 'help') {
    process.stdout.write(USAGE);
    return ExitCode.ok;
  }
  if (args.log !== undefined && !existsSync(args.log)) {
    throw new UsageError(`--log ${args.log}: no such file.`);
  }
  const client = createCliClient(args);
  const { provider, endpoints } = client.describe();
  const remote = provider.remote;
  if (!args.offline && !remote) note('PM_LLM_OFFLINE is set: answering offline.');

  // Spec 000 §2: check the key before any work; refuse without it unless offline. A dry
  // run sends nothing, so it needs no key (it says so instead).
  if (remote) {
    try {
      await resolveApiKey();
    } catch (error) {
      if (!(error instanceof MissingCredentialError)) throw error;
      if (!args.dryRun) throw error;
      note('OPENAI_API_KEY is not set: the real run would refuse (exit 3).');
    }
  }

  const calls = args.command === 'agent' ? 2 : args.sections.length;
  const step = progress(args.dryRun ? 2 : 1 + calls, !args.quiet);
  step(`Summarising the event log (disclosure level ${args.level}, aggregates only)`);
  const disclosure = await buildDisclosure(args.log ? readCsv(args.log) : readEventLog(), {
    level: args.level,
    roles: EVENT_LOG_ROLES,
    profile: 'homebrew',
  });
  const input = { model: args.model, disclosure, goal: args.goal, sections: args.sections };
  const where = remote
    ? `${provider.name} provider at ${endpoints[0]?.origin}`
    : 'offline provider';

  const run = await client.startRun({ stage: args.dryRun ? 'dry-run' : args.command });
  let exit: ExitCode = ExitCode.ok;
  let result: Record<string, unknown> = {};
  let text = '';
  try {
    if (args.dryRun) {
      step('Estimating tokens and cost (nothing is sent)');
      const requests: NamedRequest[] =
        args.command === 'agent' ? agentRequests(input) : reportRequests(input);
      const estimate = await estimateCalls(run, requests, args.maxCostUsd);
      result = { dryRun: true, estimate };
      text = `Dry run against the ${where}: nothing was sent.\n${formatEstimate(estimate)}`;
      // The real run would be refused by the policy: say so to scripts too.
      if (estimate.calls.some((c) => c.policy !== 'allowed')) exit = ExitCode.refused;
    } else if (args.command === 'agent') {
      const agent = await runAgent(run, input, step);
      result = { ...agent };
      text = formatAgent(agent);
    } else {
      const report = await runReport(run, input, step);
      result = { ...report };
      text = formatReport(report);
    }
  } catch (error) {
    await finish(run, args, { error: errorBody(error) });
    throw error;
  }
  const ledger = await finish(run, args, result);
  if (!args.json) {
    console.log(text);
    console.log(`\n${ledger}`);
  }
  return exit;
}

/** Ends the run (its ledger then holds a run_end record) and says where the ledger went. */
async function finish(run: LLMRun, args: CliArgs, result: Record<string, unknown>) {
  const { summary } = await run.end();
  const ledger = {
    dir: run.ledgerDir,
    requests: summary.requests,
    errors: summary.errors,
    inputTokens: summary.input_tokens,
    outputTokens: summary.output_tokens,
    costUsd: summary.cost_usd,
  };
  if (args.json) {
    console.log(JSON.stringify({ command: args.command, model: args.model, ...result, ledger }));
  } else if ('error' in result) {
    note(`Ledger: ${run.ledgerDir} (the refusal is recorded there)`);
  }
  return `Ledger: ${ledger.dir}\n  ${ledger.requests} request(s), ${ledger.inputTokens} tokens in / ${ledger.outputTokens} out, $${ledger.costUsd.toFixed(6)}; verify: npx pm-ledger verify ${ledger.dir}`;
}

function errorBody(error: unknown): { code: string; message: string } {
  if (error instanceof UsageError) return { code: 'USAGE', message: error.message };
  // PmError messages are written to be shown and are scrubbed of secrets; others may not be.
  if (isPmError(error)) return { code: error.code, message: error.message };
  return { code: 'INTERNAL_ERROR', message: (error as Error)?.message ?? String(error) };
}

function note(message: string): void {
  process.stderr.write(`pm-assist: ${message}\n`);
}

const argv = process.argv.slice(2);
try {
  process.exitCode = await main(argv);
} catch (error) {
  const exit = exitCodeFor(error);
  const { code, message } = errorBody(error);
  if (exit === ExitCode.usage) {
    note(`${message}\nRun pm-assist --help for usage.`);
  } else if (exit === ExitCode.missingKey) {
    process.stderr.write(`${message}\n`);
    note('or run with --offline (offline narrative templates, no key needed),');
    note('or with --dry-run to see the token and cost estimate without sending anything.');
  } else {
    note(`${code}: ${message}`);
  }
  // Errors before a run started have no ledger to carry them: the JSON line still comes.
  if (argv.includes('--json') && (exit === ExitCode.usage || exit === ExitCode.missingKey)) {
    console.log(JSON.stringify({ error: { code, message }, exitCode: exit }));
  }
  process.exitCode = exit;
}
