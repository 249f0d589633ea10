// The three agent moves against OpenAI, opt-in. Without OPENAI_API_KEY it refuses and says
// how to set it (or stay offline); with --dry-run it prints the estimate and sends nothing.
//   npm start -w @pm-examples/openai -- [--dry-run] [--model gpt-5.2] [--base-url URL]
import { parseArgs } from 'node:util';
import {
  createLLMClient,
  draftNarrativeRequest,
  interpretGoalRequest,
  isPmError,
  MissingCredentialError,
  recommendNextCommandRequest,
  resolveApiKey,
} from '@pm/llm-client';
import { openaiProvider } from '@pm/llm-client/openai';
import { buildDisclosure } from '@pm/redact';
import { EVENT_LOG_ROLES, readEventLog } from '@pm-examples/sample-data';

const { values } = parseArgs({
  options: {
    'dry-run': { type: 'boolean', default: false },
    model: { type: 'string', default: 'gpt-5.2' },
    // A gateway or a compatible server; the egress allowlist follows it.
    'base-url': { type: 'string', default: 'https://api.openai.com/v1' },
  },
});
const model = values.model;
const goal = 'Find out why some invoices take much longer to pay than others.';

const disclosure = await buildDisclosure(readEventLog(), {
  level: 4,
  roles: EVENT_LOG_ROLES,
  profile: 'homebrew',
});
const client = createLLMClient({
  provider: openaiProvider({ baseURL: values['base-url'] }),
  policy: {
    schema_version: '1',
    policy_id: 'openai-example',
    execution_mode: 'local',
    requires_approval: false,
    max_cost_usd: 0.5,
    max_runtime_minutes: 10,
    allowed_models: [model],
    run_windows: ['daily:00:00-24:00'],
  },
  ledger: { dir: '.pm-ledger' },
});
const requests = {
  'interpret goal': interpretGoalRequest({ model, goal, disclosure }),
  'recommend next command': recommendNextCommandRequest({ model, goal, disclosure }),
  'draft narrative': draftNarrativeRequest({
    model,
    section: 'Process performance overview',
    disclosure,
  }),
};

if (values['dry-run']) {
  const run = await client.startRun({ stage: 'dry-run' });
  let total = 0;
  console.log(`Dry run against ${client.describe().endpoints[0]?.origin}: nothing is sent.`);
  for (const [name, request] of Object.entries(requests)) {
    const estimate = await run.estimate(request);
    total += estimate.worstCaseCostUsd ?? 0;
    console.log(
      `  ${name}: ${estimate.inputTokens} input tokens + up to ${estimate.maxOutputTokens} output, worst case $${estimate.worstCaseCostUsd?.toFixed(6)}`,
    );
  }
  console.log(
    `Total worst case: $${total.toFixed(6)} (disclosure level ${disclosure.level}, ${model})`,
  );
  await run.end();
  process.exit(0);
}

try {
  await resolveApiKey();
} catch (error) {
  if (!(error instanceof MissingCredentialError)) throw error;
  console.error(error.message);
  console.error(
    'Or try: npm start -w @pm-examples/openai -- --dry-run   (estimates, sends nothing)',
  );
  process.exit(3);
}

const run = await client.startRun({ stage: 'openai-example' });
try {
  const interpretation = await run.generateObject(requests['interpret goal']);
  const next = await run.generateObject(requests['recommend next command']);
  const narrative = await run.generateText(requests['draft narrative']);
  console.log(`Goal: ${interpretation.object.restated_goal} (${interpretation.object.analysis})`);
  console.log(
    `Next command (needs your confirmation): ${[next.object.command, ...next.object.args].join(' ')}`,
  );
  console.log(`Narrative:\n${narrative.output}`);
  const cost = interpretation.costUsd + next.costUsd + narrative.costUsd;
  console.log(`Cost: $${cost.toFixed(6)}; ledger: ${run.ledgerDir}`);
} catch (error) {
  console.error(isPmError(error) ? `${error.code}: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  await run.end();
}
