import { randomUUID } from 'node:crypto';
import { checkedCallback } from '../checked-callback.js';
import { CallLimitExceededError } from '../errors/call-limit-exceeded-error.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { shownNumber } from '../errors/kind-of.js';
import { UnknownModelPriceError } from '../errors/unknown-model-price-error.js';
import { defaultPriceTable } from '../prices/default-price-table.js';
import { checkUsage } from '../prices/estimate-cost.js';
import { MICRO_PER_USD } from '../prices/micro-usd.js';
import type { PriceTable } from '../prices/price-table.js';
import { alertEmitter } from './alert-events.js';
import { type AlertFractions, alertThresholds } from './alert-threshold.js';
import { checkedClock, checkedPrices, checkedStore } from './budget-collaborators.js';
import type { BudgetStore, ScopeCounters } from './budget-store.js';
import type {
  BudgetAlert,
  BudgetLimits,
  BudgetOverspend,
  BudgetUsage,
  PeriodLimits,
} from './budget-types.js';
import { type Charge, NO_LIMIT } from './charge.js';
import { countLimit, exactCharge, nonNegativeInt, timerMs } from './limits.js';
import { memoryStore } from './memory-store.js';
import { BUDGET_OPTION_KEYS, checkKnownKeys, RESERVE_KEYS, SETTLE_KEYS } from './option-keys.js';
import { overspendEmitter } from './overspend-events.js';
import { refusal } from './refusal.js';
import {
  type ActualUsage,
  type ReleaseResult,
  Reservation,
  type ReservationCloser,
  type SettleResult,
} from './reservation.js';
import { RunDeadline } from './run-deadline.js';
import { ScopeSet } from './scope-set.js';
import { scopeUsage } from './scope-usage.js';
import { settleCostMicro } from './settle-cost.js';
import { unbookedSpend } from './unbooked.js';
import { usageDiffered } from './usage-differed.js';
import { worstCaseCharge } from './worst-case.js';

/** Options of {@link createBudget}. */
export interface BudgetOptions {
  /** The run's caps (tokens, USD, requests), per-call ceilings and max runtime. */
  readonly limits: BudgetLimits;
  /** Calendar caps (day, month) in a time zone, shared through the store. */
  readonly period?: PeriodLimits;
  /** Alert tiers as fractions of each limit (default 0.5 / 0.8 / 0.95, plus exhausted); `false` for none. */
  readonly alerts?: AlertFractions | false;
  /** Receives every alert, once per scope, counter, level and period. */
  readonly onAlert?: (alert: BudgetAlert) => void;
  /**
   * Receives every settle that booked more than its reservation held, or left a cap
   * passed (spend is booked as billed, so a provider reporting more than `maxOutputTokens`
   * can pass a hard cap). Default: a process warning with code `PM_BUDGET_OVERSPEND`.
   */
  readonly onOverspend?: (event: BudgetOverspend) => void;
  /** Where counters live: `memoryStore()` (default, this budget only) or `redisStore()`. Share one store to share day/month caps. */
  readonly store?: BudgetStore;
  /** Prices; default `defaultPriceTable`. */
  readonly prices?: PriceTable;
  /** Run id (the run scope's key); default a random UUID. */
  readonly runId?: string;
  /** Clock in epoch ms; inject one to test period boundaries. Default `Date.now`. */
  readonly clock?: () => number;
  /**
   * How long a store holds a reservation before presuming its holder dead and booking the
   * worst case. Default 10 min; a whole number of ms from 1 to 2^31 - 1 (~24.8 days).
   */
  readonly reservationTtlMs?: number;
}

/** What `budget.reserve` needs: the worst case of one call. */
export interface ReserveRequest {
  /** Model called (prices the reservation). */
  readonly model: string;
  /** Input tokens, counted exactly (`countChatTokens`). */
  readonly inputTokens: number;
  /** The call's `max_output_tokens`; reserved in full at the output price. */
  readonly maxOutputTokens: number;
  /**
   * Attempts to hold: reserve `attempts` when retries run under this one reservation. Each
   * attempt may be billed its input and all its output (a retry re-sends the input; an
   * attempt abandoned after a timeout may have produced output), so `n` holds `n` times the
   * tokens and cost of one call, and `n` requests. `0` holds one call's tokens and cost and
   * counts no request. Default 1.
   */
  readonly requests?: number;
  /** Overrides `reservationTtlMs` for this reservation (whole ms, 1 to 2^31 - 1). */
  readonly ttlMs?: number;
}

/** A budget: reservation-based hard caps over a run and calendar periods. */
export interface Budget {
  /** The run scope's id. */
  readonly runId: string;
  /** The run's deadline (from `maxRuntimeMinutes`), if any. */
  readonly deadline: Date | undefined;
  /** Aborts when the run's deadline passes; pass it to the provider call. */
  readonly signal: AbortSignal;
  /**
   * Reserves the worst case of a call on every scope in force, atomically, or throws:
   * `BudgetExceededError`, `CallLimitExceededError`, `UnknownModelPriceError` (a model the
   * price table has no row for, whatever the caps),
   * `RuntimeExceededError`, `BudgetStoreUnavailableError`, `InvalidArgumentError` (a
   * malformed request, or after `dispose()`). Never shrinks a request to fit.
   */
  reserve(request: ReserveRequest): Promise<Reservation>;
  /**
   * Spent and reserved per scope, for the current periods. After `dispose()` it still
   * reports the run scope truthfully: as it was at dispose when the store dropped it.
   */
  usage(): Promise<BudgetUsage>;
  /** Milliseconds left before the deadline (Infinity without one). */
  remainingMs(): number;
  /**
   * Ends the budget: stops the deadline timer and lets the store forget the run scope (the
   * memory store drops its counters when no other budget uses the run and nothing is held).
   * `reserve()` afterwards is refused; open reservations can still be settled or released.
   * Idempotent.
   */
  dispose(): void;
}

const DEFAULT_TTL_MS = 10 * 60_000;

/**
 * Creates a budget. Every call reserves its worst case (input + max output at the output
 * price) on the run scope and each calendar cap before it starts, and settles to the
 * actual after, so spend never exceeds a cap under any concurrency, in one process
 * (memory store) or many (Redis store).
 *
 * @example
 * const budget = createBudget({ limits: { usd: 2, maxRuntimeMinutes: 30 }, period: { month: { usd: 50 } } });
 * const r = await budget.reserve({ model: 'gpt-5.2', inputTokens: 1200, maxOutputTokens: 800 });
 * let out;
 * try { out = await call({ signal: budget.signal }); }
 * catch (e) { await r.release().catch(() => {}); throw e; } // nothing billed
 * await r.settle({ inputTokens: out.usage.prompt_tokens, outputTokens: out.usage.completion_tokens });
 */
export function createBudget(options: BudgetOptions): Budget {
  if (
    options === null ||
    typeof options !== 'object' ||
    typeof options.limits !== 'object' ||
    options.limits === null
  ) {
    throw new InvalidArgumentError(
      'createBudget needs { limits }, e.g. createBudget({ limits: { usd: 5 } }).',
    );
  }
  // A misspelt option (`periods`, `alert`) would silently be no cap or no alert.
  checkKnownKeys(options, 'options', BUDGET_OPTION_KEYS, 'createBudget({ limits: { usd: 5 } })');
  if (
    options.runId !== undefined &&
    !(typeof options.runId === 'string' && options.runId.length >= 1 && options.runId.length <= 256)
  ) {
    throw new InvalidArgumentError(
      `createBudget: runId must be a string of 1-256 characters (the run's id, e.g. a UUID); got ${typeof options.runId === 'string' ? 'an empty or longer string' : typeof options.runId}.`,
    );
  }
  const { limits } = options;
  const prices = options.prices === undefined ? defaultPriceTable : checkedPrices(options.prices);
  const clock = options.clock === undefined ? Date.now : checkedClock(options.clock);
  // The budget's own store expires reservations on the budget's clock (tests inject one).
  const store = options.store === undefined ? memoryStore({ clock }) : checkedStore(options.store);
  const thresholds = alertThresholds(options.alerts);
  const runId = options.runId ?? randomUUID();
  const ttlDefault =
    options.reservationTtlMs === undefined
      ? DEFAULT_TTL_MS
      : timerMs(options.reservationTtlMs, 'reservationTtlMs');
  const maxInput = countLimit(limits.maxInputTokensPerCall, 'limits.maxInputTokensPerCall');
  const maxOutput = countLimit(limits.maxOutputTokensPerCall, 'limits.maxOutputTokensPerCall');
  const minutes = limits.maxRuntimeMinutes;
  const startMs = clock();
  // Finite, and a deadline a Date can hold: Infinity would pass here and throw later
  // inside a timer callback, where no caller can catch it.
  if (
    minutes !== undefined &&
    !(
      typeof minutes === 'number' &&
      Number.isFinite(minutes) &&
      minutes > 0 &&
      Number.isFinite(new Date(startMs + minutes * 60_000).getTime())
    )
  ) {
    throw new InvalidArgumentError(
      `limits.maxRuntimeMinutes must be a finite, positive number of minutes (omit it for no runtime limit); got ${shownNumber(minutes)}.`,
    );
  }
  const scopes = new ScopeSet(runId, limits, options.period);
  const onAlert = checkedCallback(
    options.onAlert,
    'createBudget option onAlert',
    'onAlert: (a) => console.warn(a)',
  );
  const emit = alertEmitter((key) => scopes.nameOf(key), clock, onAlert);
  const reportOverspend = overspendEmitter(
    (key) => scopes.nameOf(key),
    clock,
    checkedCallback(
      options.onOverspend,
      'createBudget option onOverspend',
      'onOverspend: (o) => console.error(o)',
    ),
  );
  const deadline = new RunDeadline(minutes, startMs, clock);
  store.attachScope?.(scopes.runKey);
  let disposed = false;
  // The run scope's final counters, when dispose() let the store drop them.
  let finalRun: ScopeCounters | undefined;
  // Reservation ids: unique across processes (UUID) and cheap per call (a counter).
  const idPrefix = `${randomUUID()}:`;
  let sequence = 0;

  const closer: ReservationCloser = {
    charge(reservation: Reservation, usage: ActualUsage): Charge {
      const { input, cached, output } = checkUsage(usage);
      checkKnownKeys(
        usage,
        'usage',
        SETTLE_KEYS,
        'reservation.settle({ inputTokens: 1200, outputTokens: 300, requests: 2 })',
        'a settle field',
      );
      const requests =
        usage.requests === undefined ? 1 : nonNegativeInt(usage.requests, 'requests');
      const microUsd = settleCostMicro(prices, {
        model: reservation.model,
        heldMicroUsd: reservation.microUsd,
        answeredModel: usage.answeredModel,
        input,
        cached,
        output,
      });
      return exactCharge({ tokens: input + output, microUsd, requests }, 'The usage to settle');
    },
    async settle(reservation: Reservation, charge: Charge): Promise<SettleResult> {
      const result = await store.settle(reservation.id, charge, thresholds);
      const alerts = emit(result.alerts);
      // What the store booked, which the result must report (hosts add its usd up): the
      // actual when found or lost; past the TTL what the store says, or the worst case.
      const late = !result.found && result.lost !== true && result.released !== true;
      const booked =
        result.booked ??
        (late
          ? {
              tokens: reservation.tokens,
              microUsd: reservation.microUsd,
              requests: reservation.requests,
            }
          : charge);
      const held = { id: reservation.id, model: reservation.model, held: reservation };
      const over = reportOverspend(held, booked, result.capsPassed, alerts);
      const forgotten = result.forgotten === true;
      return {
        tokens: booked.tokens,
        usd: booked.microUsd / MICRO_PER_USD,
        requests: booked.requests,
        overrun: over.overrun,
        excess: over.excess,
        capsPassed: over.capsPassed,
        found: result.found,
        lost: result.lost === true,
        released: result.released === true,
        // Only a store's own `booked` can be an earlier attempt's (a retry of a lost reply).
        usageDiffered:
          result.booked !== undefined && usageDiffered(result.booked, charge, reservation, late),
        forgotten,
        unbooked: unbookedSpend(held, charge, forgotten),
        alerts,
      };
    },
    async release(reservation: Reservation): Promise<ReleaseResult> {
      const result = await store.release(reservation.id, thresholds);
      return {
        found: result.found,
        settled: result.settled === true,
        alerts: emit(result.alerts),
      };
    },
  };

  return {
    runId,
    deadline: deadline.deadline,
    signal: deadline.signal,

    async reserve(request: ReserveRequest): Promise<Reservation> {
      if (
        request === null ||
        typeof request !== 'object' ||
        typeof request.model !== 'string' ||
        request.model === ''
      ) {
        throw new InvalidArgumentError(
          "budget.reserve needs { model, inputTokens, maxOutputTokens }, e.g. { model: 'gpt-5.2', inputTokens: 1200, maxOutputTokens: 800 }.",
        );
      }
      if (disposed) {
        throw new InvalidArgumentError(
          `This budget (run ${runId}) was disposed, so reserve() is refused: create a new budget for a new run.`,
        );
      }
      // A misspelt field (`attempts` for `requests`) would silently hold its default: one
      // request where retries need several.
      checkKnownKeys(
        request,
        'request',
        RESERVE_KEYS,
        "budget.reserve({ model: 'gpt-5.2', inputTokens: 1200, maxOutputTokens: 800, requests: 3 })",
        'a reserve field',
      );
      const inputTokens = nonNegativeInt(request.inputTokens, 'inputTokens');
      const maxOutputTokens = nonNegativeInt(request.maxOutputTokens, 'maxOutputTokens');
      const requests =
        request.requests === undefined ? 1 : nonNegativeInt(request.requests, 'requests');
      const ttlMs = request.ttlMs === undefined ? ttlDefault : timerMs(request.ttlMs, 'ttlMs');
      const nowMs = clock();
      deadline.check(nowMs);
      if (maxInput !== NO_LIMIT && inputTokens > maxInput) {
        throw new CallLimitExceededError(
          'input tokens',
          inputTokens,
          maxInput,
          'Send less context (minimise or summarise) or raise maxInputTokensPerCall.',
        );
      }
      if (maxOutput !== NO_LIMIT && maxOutputTokens > maxOutput) {
        throw new CallLimitExceededError(
          'output tokens',
          maxOutputTokens,
          maxOutput,
          'Lower maxOutputTokens or raise maxOutputTokensPerCall.',
        );
      }
      // Unpriced, a call would book $0: into this budget's scopes, and into the day and month
      // keys that other budgets on the store may cap in USD (decision 0014). A free or
      // self-hosted model is declared with a price row of 0.
      const price = prices.lookup(request.model);
      if (price === undefined) throw new UnknownModelPriceError(request.model);
      // Worst case: every input token at its dearest price, every output token billed, for
      // each attempt held, rounded once as settle rounds, so a usage within these tokens
      // never costs more.
      const amount = worstCaseCharge(price, inputTokens, maxOutputTokens, requests);
      const id = `${idPrefix}${++sequence}`;
      const current = scopes.at(nowMs);
      const result = await store.reserve({ id, scopes: current, amount, ttlMs, thresholds });
      // Alerts of expired reservations the store booked first reach this budget's onAlert
      // for its own scopes only (its run, the shared day and month): another run's
      // reservation expiring here must not read as this run's alert. Its own earlier days
      // and months count: the store has marked those alerts fired, so dropped here they
      // would never fire at all.
      if (result.alerts !== undefined) {
        emit(result.alerts.filter((a) => scopes.owns(a.scopeKey)));
      }
      if (!result.ok) throw refusal(result, amount, scopes.nameOf(result.scopeKey));
      return new Reservation(id, request.model, amount.tokens, amount.microUsd, requests, closer);
    },

    async usage(): Promise<BudgetUsage> {
      const current = scopes.at(clock());
      const counters = await store.usage(current.map((s) => s.key));
      return {
        runId,
        scopes: counters.map((c, i) =>
          scopeUsage(scopes.defs[i]!, i === 0 && finalRun !== undefined ? finalRun : c),
        ),
      };
    },

    remainingMs(): number {
      return deadline.remainingMs(clock());
    },

    dispose(): void {
      if (disposed) return;
      disposed = true;
      deadline.dispose();
      finalRun = store.detachScope?.(scopes.runKey, (final) => {
        finalRun = final;
      });
    },
  };
}
