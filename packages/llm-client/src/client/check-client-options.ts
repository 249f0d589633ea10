import { PmError } from '@pm/envelope-schemas';
import { kindOf } from '../kind-of.js';
import { shownName } from '../shown-name.js';

/** What each option must be, as a test and the words that say so. */
type Rule = readonly [test: (value: unknown) => boolean, expected: string];

const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFunction = (v: unknown) => typeof v === 'function';
const isString = (v: unknown) => typeof v === 'string';
const isStringArray = (v: unknown) => Array.isArray(v) && v.every(isString);

const OBJECT: Rule = [isObject, 'an object'];
const FUNCTION: Rule = [isFunction, 'a function'];
/** An option whose parser checks and words it (the policy, the ledger's durability). */
const CHECKED_BY_ITS_PARSER: Rule = [() => true, ''];

/**
 * Every option of `createLLMClient` and its outer shape. The inner shapes belong to the
 * parts that take them (the policy's parser, `createBudget`, `createRedactor`,
 * `createRateLimiter`, the egress plan), which check them with their own wording.
 */
const OPTION_RULES: Readonly<Record<string, Rule>> = {
  provider: [
    (v) =>
      isObject(v) &&
      isString((v as { name?: unknown }).name) &&
      typeof (v as { remote?: unknown }).remote === 'boolean' &&
      isStringArray((v as { origins?: unknown }).origins) &&
      isFunction((v as { describe?: unknown }).describe) &&
      isFunction((v as { call?: unknown }).call),
    'an LLMProvider (name, remote, origins, describe(), call()), e.g. openaiProvider() from @pm/llm-client/openai',
  ],
  policy: CHECKED_BY_ITS_PARSER,
  budget: OBJECT,
  redaction: OBJECT,
  ledger: OBJECT,
  approve: FUNCTION,
  approvalStages: [isStringArray, 'an array of stage names'],
  egress: OBJECT,
  templates: [isString, 'a folder path'],
  onEvent: FUNCTION,
  enabled: [(v) => typeof v === 'boolean', 'true or false'],
  onUnavailable: [(v) => v === 'fail' || v === 'offline', "'fail' or 'offline'"],
  retry: OBJECT,
  rateLimit: OBJECT,
  env: OBJECT,
};

// The options of the parts below are named here so a misspelt one is refused (`budget.perod`
// would be no monthly cap, `redaction.profle` the default profile); their values are
// checked by the part that takes them, in its own words.
const BUDGET_RULES: Readonly<Record<string, Rule>> = {
  limits: OBJECT,
  period: OBJECT,
  alerts: CHECKED_BY_ITS_PARSER,
  store: OBJECT,
  prices: CHECKED_BY_ITS_PARSER,
  reservationTtlMs: CHECKED_BY_ITS_PARSER,
};

const REDACTION_RULES: Readonly<Record<string, Rule>> = {
  profile: CHECKED_BY_ITS_PARSER,
  hashKey: CHECKED_BY_ITS_PARSER,
  hashFields: CHECKED_BY_ITS_PARSER,
  dropFields: CHECKED_BY_ITS_PARSER,
};

const EGRESS_RULES: Readonly<Record<string, Rule>> = {
  allow: CHECKED_BY_ITS_PARSER,
  gateway: CHECKED_BY_ITS_PARSER,
};

const LEDGER_RULES: Readonly<Record<string, Rule>> = {
  dir: [(v) => isString(v) && v !== '', 'a folder path (runs are written under it)'],
  durability: CHECKED_BY_ITS_PARSER,
  signer: OBJECT,
};

/** The longest wait a Node timer can hold (a longer one fires after 1 ms). */
const MAX_TIMER_MS = 2 ** 31 - 1;
// Whole ms, as `retry` takes them: anything else passed here and then failed every call
// after its reservation and request record, before the provider was reached.
const WAIT_MS: Rule = [
  (v) => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= MAX_TIMER_MS,
  `a whole number of ms from 0 to ${MAX_TIMER_MS}`,
];

const RETRY_RULES: Readonly<Record<string, Rule>> = {
  attempts: [(v) => Number.isSafeInteger(v) && (v as number) >= 1, 'a whole number >= 1'],
  baseMs: WAIT_MS,
  maxMs: WAIT_MS,
  maxRetryAfterMs: WAIT_MS,
};

/** The options taking an object whose own options are listed here. */
const NESTED_RULES: readonly [string, Readonly<Record<string, Rule>>][] = [
  ['budget', BUDGET_RULES],
  ['redaction', REDACTION_RULES],
  ['egress', EGRESS_RULES],
  ['ledger', LEDGER_RULES],
  ['retry', RETRY_RULES],
];

function invalid(field: string, message: string): PmError {
  return new PmError('INVALID_ARGUMENT', `createLLMClient({ ${field} }) ${message}`, {
    details: { field },
  });
}

function checkFields(
  value: Record<string, unknown>,
  rules: Readonly<Record<string, Rule>>,
  prefix: string,
): void {
  for (const key of Object.keys(value)) {
    const rule = rules[key];
    const field = `${prefix}${key}`;
    if (rule === undefined) {
      // A misspelt option would silently be its default (`onUnavaliable`: no fallback).
      throw invalid(
        `${prefix}${shownName(key)}`,
        `is not an option; the options are ${Object.keys(rules).join(', ')}.`,
      );
    }
    const given = value[key];
    if (given !== undefined && !rule[0](given)) {
      throw invalid(field, `must be ${rule[1]}; got ${kindOf(given)}.`);
    }
  }
}

/**
 * Checks the options of `createLLMClient` before anything is built from them, so a mistake
 * is an `INVALID_ARGUMENT` naming the option rather than a `TypeError` later, and an
 * option that does not exist (a typo) is refused rather than silently left at its default.
 */
export function checkClientOptions(options: unknown): void {
  if (!isObject(options)) {
    throw new PmError(
      'INVALID_ARGUMENT',
      `createLLMClient(options) takes an object of options; got ${kindOf(options)}.`,
    );
  }
  const given = options as Record<string, unknown>;
  checkFields(given, OPTION_RULES, '');
  for (const [name, rules] of NESTED_RULES) {
    const nested = given[name];
    if (isObject(nested)) checkFields(nested as Record<string, unknown>, rules, `${name}.`);
  }
}
