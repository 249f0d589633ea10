import type { BudgetMetric } from '../errors/budget-exceeded-error.js';
import type { AlertLevel } from './alert-threshold.js';

/** The scopes a budget keeps: the run's hard stop and the calendar caps. */
export type ScopeName = 'run' | 'day' | 'month';

/** Caps of one scope; omit a counter for no cap on it. */
export interface ScopeLimits {
  /** Max tokens (input + output). */
  readonly tokens?: number;
  /** Max spend in USD. */
  readonly usd?: number;
  /** Max requests (attempts). */
  readonly requests?: number;
}

/** The run's limits (spec 000 §3): per-run caps, per-call ceilings and the runtime. */
export interface BudgetLimits extends ScopeLimits {
  /** The run's `max_runtime_minutes`: gives `budget.deadline` and `budget.signal`. */
  readonly maxRuntimeMinutes?: number;
  /** Per-call ceiling on input tokens; a bigger request is refused, never trimmed. */
  readonly maxInputTokensPerCall?: number;
  /** Per-call ceiling on `maxOutputTokens`; a bigger request is refused, never trimmed. */
  readonly maxOutputTokensPerCall?: number;
}

/** Calendar caps shared by every budget on the same store. */
export interface PeriodLimits {
  /** Cap per calendar day. */
  readonly day?: ScopeLimits;
  /** Cap per calendar month. */
  readonly month?: ScopeLimits;
  /** IANA time zone of the calendar; default `UTC`. */
  readonly timeZone?: string;
}

/** A structured alert: a scope's spend crossed a tier. */
export interface BudgetAlert {
  /** `info` (50%), `warning` (80%), `critical` (95%) or `exhausted` (100%, or the cap refused a call). */
  readonly level: AlertLevel;
  /** `run`, `day` or `month`. */
  readonly scope: ScopeName;
  /** The scope in its period, e.g. `month:2026-11`. */
  readonly scopeKey: string;
  /** The counter that crossed. */
  readonly metric: BudgetMetric;
  /** Spent on that counter (USD for `usd`). */
  readonly spent: number;
  /** Its limit (USD for `usd`). */
  readonly limit: number;
  /** `spent / limit`. */
  readonly fraction: number;
  /** When the budget saw it, ISO 8601. */
  readonly at: string;
}

/** Amounts on the three counters, in reporting units. */
export interface UsageAmounts {
  /** Tokens. */
  readonly tokens: number;
  /** USD. */
  readonly usd: number;
  /** Requests. */
  readonly requests: number;
}

/** What one scope has spent, holds and has left. */
export interface ScopeUsage {
  /** `run`, `day` or `month`. */
  readonly scope: ScopeName;
  /** The scope in its current period. */
  readonly scopeKey: string;
  /** Configured caps (absent = none). */
  readonly limits: ScopeLimits;
  /** Booked spend. */
  readonly spent: UsageAmounts;
  /** Held by open reservations. */
  readonly reserved: UsageAmounts;
  /** `limit - spent - reserved` per capped counter (absent = no cap). */
  readonly remaining: Partial<UsageAmounts>;
}

/** The result of `budget.usage()`. */
export interface BudgetUsage {
  /** The run this budget belongs to. */
  readonly runId: string;
  /** One entry per scope in force, run first. */
  readonly scopes: readonly ScopeUsage[];
}

/** A counter booked past its cap: spend is booked as the provider billed it, cap or not. */
export interface CapPassed {
  /** `run`, `day` or `month`. */
  readonly scope: ScopeName;
  /** The scope in its period, e.g. `day:2026-12-07`. */
  readonly scopeKey: string;
  /** The counter above its cap. */
  readonly metric: BudgetMetric;
  /** Spent on it after the booking (USD for `usd`). */
  readonly spent: number;
  /** Its cap (USD for `usd`). */
  readonly limit: number;
  /** `spent - limit`: how far past the cap (USD for `usd`). */
  readonly over: number;
  /**
   * This same booking fired the `exhausted` alert of this scope and counter (given to
   * `onAlert` before `onOverspend`): a host that records both need not record the cap twice.
   */
  readonly alerted: boolean;
}

/**
 * A settle that booked more than the budget allowed for: the actual exceeded the
 * reservation (`excess`), or the booking left a cap passed (`capsPassed`), or both. Sent to
 * `onOverspend` (a process warning, code `PM_BUDGET_OVERSPEND`, without one). Later
 * reservations on a passed cap are refused until its period resets.
 */
export interface BudgetOverspend {
  /** The reservation settled. */
  readonly reservationId: string;
  /** Its model. */
  readonly model: string;
  /** What the reservation held (its worst case). */
  readonly reserved: UsageAmounts;
  /** The actual usage booked. */
  readonly booked: UsageAmounts;
  /** `booked - reserved` per counter, 0 where the actual was within the reservation. */
  readonly excess: UsageAmounts;
  /** Counters this booking left above their cap (empty when none). */
  readonly capsPassed: readonly CapPassed[];
  /** When the budget saw it, ISO 8601. */
  readonly at: string;
}
