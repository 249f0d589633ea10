import { readOptions } from '../read-options.js';
import type { LLMClientOptions } from './client-options.js';

/**
 * The options of `createLLMClient` that are bags of plain values themselves (`env` too: the
 * kill switch reads `PM_LLM_OFFLINE` from it, besides `process.env`, once, when the client is
 * created).
 */
const OPTION_BAGS = [
  'policy',
  'budget',
  'redaction',
  'egress',
  'ledger',
  'retry',
  'rateLimit',
  'env',
];
/** Within `budget`: its bags of plain figures (not `store`, a host object kept as given). */
const BUDGET_BAGS = ['limits', 'period'];
/** Within `budget.period`: the caps of each period. */
const PERIOD_BAGS = ['day', 'month'];

const isBag = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A copy of `bag` (itself a copy) with each of `names` that is an object read once too. */
function readBags(bag: Record<string, unknown>, names: readonly string[], prefix: string): void {
  for (const name of names) {
    if (bag[name] === undefined) continue; // left out stays left out
    bag[name] = readOptions(bag[name], (field) => `createLLMClient({ ${prefix}${name}.${field} })`);
  }
}

/**
 * The options of `createLLMClient` read once into plain copies: the options themselves, each
 * bag of options (`retry`, `ledger`, `env`, ...), the budget's `limits` and `period`, and the
 * period's `day` and `month`. An option
 * whose getter throws is `INVALID_ARGUMENT` naming it, never the getter's own error (see
 * `copyOptions`). Host objects (`provider`, `budget.store`, `ledger.signer`) are kept as given.
 * Anything that is not an object is returned as it is, for `checkClientOptions` to refuse.
 */
export function readClientOptions(given: LLMClientOptions): LLMClientOptions {
  const options = readOptions(given, (field) => `createLLMClient({ ${field} })`);
  if (options === given || typeof options !== 'object' || options === null) return options;
  const bags = options as Record<string, unknown>;
  readBags(bags, OPTION_BAGS, '');
  const budget = bags.budget;
  if (isBag(budget)) {
    readBags(budget, BUDGET_BAGS, 'budget.');
    if (isBag(budget.period)) readBags(budget.period, PERIOD_BAGS, 'budget.period.');
  }
  return options;
}
