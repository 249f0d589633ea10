import { summariseLedger } from '../summarise-ledger.js';
import type { CliIo } from './cli-io.js';
import { EXIT } from './exit-codes.js';

/** `pm-ledger summary <runDir> [--run-id R] [--json]`. */
export async function summaryCommand(
  runDir: string,
  flags: { json: boolean; runId?: string },
  io: CliIo,
): Promise<number> {
  // Figures naming a secret are refused by summariseLedger itself, as damage: none printed.
  const s = await summariseLedger(runDir, { runId: flags.runId });
  if (flags.json) {
    io.out(`${JSON.stringify(s)}\n`);
    return EXIT.ok;
  }
  const list = (items: readonly string[]) => (items.length === 0 ? '-' : items.join(', '));
  const lines: [string, string][] = [
    ['run', `${s.run_id} (${s.closed ? 'closed' : 'open'})`],
    ['records', String(s.records)],
    ['requests', `${s.requests} (responses ${s.responses}, errors ${s.errors})`],
    ['approvals', `${s.approvals} (denied ${s.approvals_denied})`],
    ['tokens in', `${s.estimated_input_tokens} estimated, ${s.input_tokens} actual`],
    ['tokens out', `${s.estimated_output_tokens} reserved, ${s.output_tokens} actual`],
    ['cost', `$${usd(s.cost_usd)} (worst case reserved $${usd(s.estimated_cost_usd)})`],
    ['models', list(s.models)],
    ['stages', list(s.stages)],
    ['alerts', String(s.alerts)],
    ['duration', `${s.duration_ms} ms`],
  ];
  if (s.recoveries > 0) lines.push(['recoveries', String(s.recoveries)]);
  if (s.scrubbed_records > 0) {
    const n = s.scrubbed_records;
    lines.push(['scrubbed', `${n} record${n === 1 ? '' : 's'}`]);
  }
  for (const [label, value] of lines) io.out(`${label.padEnd(11)} ${value}\n`);
  return EXIT.ok;
}

/**
 * Dollars as a person reads them: costs are kept to the nano-dollar, and below 1e-6
 * `String` prints a small one as `1e-7`.
 */
function usd(amount: number): string {
  return amount.toFixed(9).replace(/\.?0+$/, '');
}
