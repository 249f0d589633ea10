import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import type { AlertFractions } from './alert-threshold.js';
import type { BudgetLimits, PeriodLimits, ScopeLimits } from './budget-types.js';
import type { BudgetOptions, ReserveRequest } from './create-budget.js';
import type { ActualUsage } from './reservation.js';

/** Every key a scope's caps may have (the `Record` makes the compiler keep it complete). */
export const SCOPE_LIMIT_KEYS: Readonly<Record<keyof ScopeLimits, true>> = {
  tokens: true,
  usd: true,
  requests: true,
};

/** Every key of `limits`: the run's caps, per-call ceilings and runtime. */
export const BUDGET_LIMIT_KEYS: Readonly<Record<keyof BudgetLimits, true>> = {
  ...SCOPE_LIMIT_KEYS,
  maxRuntimeMinutes: true,
  maxInputTokensPerCall: true,
  maxOutputTokensPerCall: true,
};

/** Every option of `createBudget`. */
export const BUDGET_OPTION_KEYS: Readonly<Record<keyof BudgetOptions, true>> = {
  limits: true,
  period: true,
  alerts: true,
  onAlert: true,
  onOverspend: true,
  store: true,
  prices: true,
  runId: true,
  clock: true,
  reservationTtlMs: true,
};

/** Every field of `budget.reserve`'s request. */
export const RESERVE_KEYS: Readonly<Record<keyof ReserveRequest, true>> = {
  model: true,
  inputTokens: true,
  maxOutputTokens: true,
  requests: true,
  ttlMs: true,
};

/**
 * Every field of a settle's usage: a misspelt one (`request: 3`, `attempts`) would book its
 * default (one request where three were made) under a hard cap on requests.
 */
export const SETTLE_KEYS: Readonly<Record<keyof ActualUsage, true>> = {
  inputTokens: true,
  cachedInputTokens: true,
  outputTokens: true,
  reasoningTokens: true,
  requests: true,
  answeredModel: true,
};

/** Every key of `alerts` (each a fraction of a cap). */
export const ALERT_KEYS: Readonly<Record<keyof AlertFractions, true>> = {
  info: true,
  warning: true,
  critical: true,
};

/** Every key of `period`. */
export const PERIOD_KEYS: Readonly<Record<keyof PeriodLimits, true>> = {
  day: true,
  month: true,
  timeZone: true,
};

/**
 * Refuses `value` (INVALID_ARGUMENT) unless it is a plain object whose every own key is in
 * `known`. A cap read from a misspelt key (`maxUsd`, `USD`, `daily`) or from a number where
 * an object belongs would silently be no cap at all: budgets must fail closed instead.
 * Messages name the key, never the value of an unknown key (it could be anything); `noun`
 * says what the key is not (`a budget option`, `a rate limiter option`).
 */
export function checkKnownKeys(
  value: unknown,
  what: string,
  known: Readonly<Record<string, true>>,
  example: string,
  noun = 'a budget option',
): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidArgumentError(
      `${what} must be an object, e.g. ${example}; got ${describe(value)}.`,
    );
  }
  // `for…in` with an own-key filter reads what `Object.keys` would without allocating an
  // array: reserve and settle check their input on every call.
  for (const key in value) {
    if (Object.hasOwn(known, key) || !Object.hasOwn(value, key)) continue;
    const names = Object.keys(known);
    const near = names.find((name) => name.toLowerCase() === key.toLowerCase());
    throw new InvalidArgumentError(
      `${what}.${key} is not ${noun}${near === undefined ? '' : ` (did you mean ${near}?)`}: ${what} takes ${names.join(', ')}, e.g. ${example}.`,
    );
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
