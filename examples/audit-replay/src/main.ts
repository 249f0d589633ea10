// Records a run of the three agent moves (through the real OpenAI SDK, against a loopback
// stand-in for the model), verifies its ledger with `pm-ledger verify`, shows tampering
// with a copy being caught, then replays the run offline from its ledger and checks that
// every output and every envelope is identical.
//   npm start -w @pm-examples/audit-replay
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { canonicalJson } from '@pm/ledger';
import { createLLMClient, type LLMClient } from '@pm/llm-client';
import { openaiProvider } from '@pm/llm-client/openai';
import { replayProvider } from '@pm/llm-client/replay';
import { buildDisclosure } from '@pm/redact';
import { fakeApiKey, startOpenAICompatibleServer } from '@pm-examples/loopback-model';
import { EVENT_LOG_ROLES, readEventLog } from '@pm-examples/sample-data';
import { modelAnswer } from './model-answers.js';
import { type CliResult, pmLedger } from './pm-ledger.js';
import { changeOneByte, copyRun, deleteOneLine } from './tamper.js';

const model = 'gpt-5.2';
const goal = 'Find out why some invoices take much longer to pay than others.';
const ledgerDir = resolve('.pm-ledger');
const replayDir = join(ledgerDir, 'replay');
const disclosure = await buildDisclosure(readEventLog(), {
  level: 4,
  roles: EVENT_LOG_ROLES,
  profile: 'homebrew',
});

/** The three moves, exactly as the host makes them: the replay must make the same calls. */
async function threeMoves(client: LLMClient, runId?: string) {
  const run = await client.startRun({ stage: 'audit-replay', ...(runId ? { runId } : {}) });
  const moves = {
    'interpret-goal': await run.interpretGoal({ model, goal, disclosure }),
    'recommend-next-command': await run.recommendNextCommand({ model, goal, disclosure }),
    'draft-narrative': await run.draftNarrative({
      model,
      section: 'Process performance overview',
      disclosure,
    }),
  };
  await run.end();
  return { run, moves };
}

const print = (title: string, body: string) => console.log(`\n== ${title}\n${body}`);
const indent = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
const shown = (r: CliResult) => `${indent(r.stdout)}\n  (exit code ${r.exitCode})`;
const checks: boolean[] = [];

// 1. Record: a remote provider, so every call is ledgered with its prompt and output.
const server = await startOpenAICompatibleServer(modelAnswer);
const recorder = createLLMClient({
  provider: openaiProvider({ baseURL: server.baseURL, apiKey: fakeApiKey('audit') }),
  ledger: { dir: ledgerDir },
});
const recorded = await threeMoves(recorder);
await server.close();
const calls = server.requests.length;
const runDir = recorded.run.ledgerDir;
const rel = (dir: string) => relative(process.cwd(), dir) || '.';
console.log('@pm audit-replay: record a run, verify it, tamper with copies, replay it offline');
print(
  `1. Recorded run ${recorded.run.runId} (${calls} calls through the openai provider to ${server.origin})`,
  indent(
    [
      `goal: ${recorded.moves['interpret-goal'].object.restated_goal}`,
      `next command: ${[recorded.moves['recommend-next-command'].object.command, ...recorded.moves['recommend-next-command'].object.args].join(' ')}`,
      `narrative: ${recorded.moves['draft-narrative'].output}`,
      `ledger: ${rel(runDir)}`,
    ].join('\n'),
  ),
);

// 2. Verify the untouched ledger with the CLI an auditor would use.
const verified = await pmLedger(['verify', runDir]);
checks.push(verified.exitCode === 0);
print(`2. pm-ledger verify ${rel(runDir)}`, shown(verified));

// 3 and 4. Tamper with copies, never with the record itself.
const scratch = mkdtempSync(join(tmpdir(), 'pm-audit-replay-'));
try {
  const edited = copyRun(runDir, join(scratch, 'one-byte-changed'));
  const change = changeOneByte(edited);
  const afterEdit = await pmLedger(['verify', edited]);
  checks.push(afterEdit.exitCode === 1 && afterEdit.stdout.includes('hash_mismatch'));
  print(
    `3. Copy with one byte changed (line ${change.line}: output_tokens ${change.from} -> ${change.to}): pm-ledger verify`,
    shown(afterEdit),
  );

  const cut = copyRun(runDir, join(scratch, 'one-line-deleted'));
  const deleted = deleteOneLine(cut);
  const afterCut = await pmLedger(['verify', cut]);
  checks.push(afterCut.exitCode === 1 && afterCut.stdout.includes('prev_mismatch'));
  print(`4. Copy with line ${deleted} deleted: pm-ledger verify`, shown(afterCut));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

// 5. Replay offline: answers come from the recorded ledger; the model server is closed.
const replayer = createLLMClient({
  provider: replayProvider({ ledgerDir, runId: recorded.run.runId }),
  ledger: { dir: replayDir },
});
const replayed = await threeMoves(replayer, recorded.run.runId);
const lines: string[] = [];
for (const [name, original] of Object.entries(recorded.moves)) {
  const again = replayed.moves[name as keyof typeof replayed.moves];
  const sameOutput = again.output === original.output;
  const sameEnvelope = canonicalJson(again.envelope) === canonicalJson(original.envelope);
  checks.push(sameOutput && sameEnvelope, again.offline);
  lines.push(
    `${name.padEnd(23)} output ${sameOutput ? 'identical' : 'DIFFERENT'}, envelope ${sameEnvelope ? 'identical' : 'DIFFERENT'}`,
  );
}
checks.push(server.requests.length === calls, replayer.describe().endpoints.length === 0);
lines.push(
  `model calls during the replay: ${server.requests.length - calls}; endpoints the replay client can reach: ${replayer.describe().endpoints.length}`,
  `replay ledger: ${rel(replayed.run.ledgerDir)}`,
);
print('5. Replay offline (replayProvider from @pm/llm-client/replay)', indent(lines.join('\n')));

const ok = checks.every(Boolean);
console.log(
  `\n${ok ? 'All steps as expected: intact ledger verified, both tamperings caught, replay identical.' : 'SOME STEPS FAILED (see above).'}`,
);
process.exitCode = ok ? 0 : 1;
