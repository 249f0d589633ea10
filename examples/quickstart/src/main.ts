// The quick start: the three agent moves on a bundled event log, through the offline
// provider (no key, no network), then the run's ledger summarised and verified.
import { summariseLedger, verifyLedger } from '@pm/ledger';
import { createLLMClient } from '@pm/llm-client';
import { buildDisclosure } from '@pm/redact';
import { EVENT_LOG_ROLES, readEventLog } from '@pm-examples/sample-data';

const model = 'gpt-5.2';
const goal = 'Find out why some invoices take much longer to pay than others.';

const disclosure = await buildDisclosure(readEventLog(), {
  level: 4,
  roles: EVENT_LOG_ROLES,
  profile: 'homebrew',
});

const client = createLLMClient({ ledger: { dir: '.pm-ledger' } });
const run = await client.startRun({ stage: 'quickstart' });
const interpretation = await run.interpretGoal({ model, goal, disclosure });
const next = await run.recommendNextCommand({ model, goal, disclosure });
const narrative = await run.draftNarrative({
  model,
  section: 'Process performance overview',
  disclosure,
});
await run.end();

const summary = await summariseLedger(run.ledgerDir);
const verified = await verifyLedger(run.ledgerDir);

const print = (title: string, body: string) => console.log(`\n== ${title}\n${body}`);
console.log(
  `@pm quick start: ${client.describe().provider.name} provider, nothing leaves the process`,
);
print(
  'Data sent to the model',
  `disclosure level ${disclosure.level} of 5 (aggregates only: schema, shape, frequencies, performance), profile ${disclosure.profile}`,
);
print(
  '1. Goal interpretation',
  `${interpretation.object.restated_goal}\nanalysis: ${interpretation.object.analysis}; columns: ${interpretation.object.needed_columns.join(', ')}`,
);
print(
  '2. Recommended next command (not run: needs your confirmation)',
  `${[next.object.command, ...next.object.args].join(' ')}\nmodifies data: ${next.modifiesData ? 'yes' : 'no'}\nwhy: ${next.object.rationale}`,
);
print('3. Narrative drafted from aggregates', narrative.output);
print(
  'Ledger',
  `${run.ledgerDir}\nrequests ${summary.requests}, errors ${summary.errors}, tokens in ${summary.input_tokens} / out ${summary.output_tokens}, cost $${summary.cost_usd}, models ${summary.models.join(', ')}`,
);
print(
  'Verification',
  verified.ok
    ? `ok: ${verified.records} records, hash chain intact`
    : `FAILED: ${verified.problems.length} problem(s)`,
);
process.exitCode = verified.ok ? 0 : 1;
