import type { BudgetMetric } from '../errors/budget-exceeded-error.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import type { AlertThreshold } from './alert-threshold.js';
import { checkedClock } from './budget-collaborators.js';
import type {
  BudgetStore,
  ScopeCounters,
  StoreAlert,
  StoreCapPassed,
  StoreCloseResult,
  StoreReserveRequest,
  StoreReserveResult,
} from './budget-store.js';
import { type Charge, chargeAbove, largerCharge, type StoreLimits } from './charge.js';
import { ClosedReservations } from './closed-reservations.js';
import { checkKnownKeys } from './option-keys.js';
import { PeriodRetention } from './period-retention.js';
import { refusalExhausts } from './refusal-exhausts.js';

// Mutable counters of one scope in one period. Flat numbers, not objects: the hot path
// touches them on every reserve and settle.
interface ScopeState {
  readonly key: string;
  spentTokens: number;
  spentMicro: number;
  spentRequests: number;
  reservedTokens: number;
  reservedMicro: number;
  reservedRequests: number;
  /** Open reservations holding on this scope: a scope is never dropped while one is. */
  holds: number;
  /** `metric:level` already fired in this scope and period. */
  readonly fired: Set<string>;
}

interface Held {
  readonly scopes: readonly ScopeState[];
  readonly limits: readonly StoreLimits[];
  readonly amount: Charge;
  /** From here on (store clock, ms) the holder is presumed dead: booked at the worst case. */
  readonly expiresAt: number;
}

/**
 * A reservation no longer held, kept for a settle that comes after: booked at its worst case
 * by expiry (the settle adds what its actual exceeds that by), or released (the release's
 * reply was lost, and the call was made after all: the settle books its actual). `reply`
 * is the answer of a release that closed it, for a retry of that release.
 */
interface ClosedEarly {
  readonly held: Held;
  readonly by: 'expiry' | 'release';
  readonly reply: StoreCloseResult;
}

/**
 * At least the last this many reservations closed early, and as many settled, are
 * remembered, at most twice that (see `ClosedReservations`): a few MB at most.
 */
const CLOSED_MAX = 10_000;

/**
 * How a reservation was settled: its reply, or for a settle that found it held and fired
 * nothing (the hot path) the actual it booked, the caller's own object: its reply is then
 * `CLOSED_QUIET` with that actual as `booked`, built only if a retry asks (no object made
 * per settle).
 */
type Settled = StoreCloseResult | Charge;

/** The reply a settle kept as {@link Settled} gives a retry of it. */
function settledReply(settled: Settled): StoreCloseResult {
  return 'alerts' in settled ? settled : { found: true, booked: settled, alerts: [] };
}

/** Options of {@link memoryStore}. */
export interface MemoryStoreOptions {
  /**
   * Clock (epoch ms) that expires reservations past their TTL. Default `Date.now`; the
   * store a budget creates for itself uses the budget's `clock`.
   */
  readonly clock?: () => number;
}

const CLOSED_NOT_FOUND: StoreCloseResult = Object.freeze({
  found: false,
  alerts: Object.freeze([]),
});
/** A settle of a reservation the store no longer knew (see `StoreCloseResult.forgotten`). */
const FORGOTTEN: StoreCloseResult = Object.freeze({
  found: false,
  forgotten: true,
  alerts: Object.freeze([]),
});
const CLOSED_QUIET: StoreCloseResult = Object.freeze({ found: true, alerts: Object.freeze([]) });
const OK: StoreReserveResult = Object.freeze({ ok: true });

/** Lists a counter that `added` (> 0) left above its cap. */
function over(
  out: StoreCapPassed[],
  scopeKey: string,
  metric: BudgetMetric,
  added: number,
  spent: number,
  limit: number,
): void {
  if (added > 0 && limit >= 0 && spent > limit) out.push({ scopeKey, metric, spent, limit });
}

function fits(spent: number, reserved: number, amount: number, limit: number): boolean {
  return limit < 0 || spent + reserved + amount <= limit;
}

function fire(
  state: ScopeState,
  metric: BudgetMetric,
  spent: number,
  limit: number,
  thresholds: readonly AlertThreshold[],
  out: StoreAlert[] | undefined,
): StoreAlert[] | undefined {
  if (limit <= 0) return out;
  for (const t of thresholds) {
    if (spent * 1000 < t.permille * limit) break;
    const mark = `${metric}:${t.level}`;
    if (state.fired.has(mark)) continue;
    state.fired.add(mark);
    if (out === undefined) out = [];
    out.push({ scopeKey: state.key, metric, level: t.level, spent, limit });
  }
  return out;
}

/**
 * The embedded store: one process, exact, and atomic because each operation runs to
 * completion synchronously (JavaScript never interleaves inside it). Share one instance
 * between the budgets of a process so their day and month caps are common.
 *
 * Bounded: a run's counters are dropped when the last budget attached to it is disposed
 * with nothing held; a past day or month when nothing is held in it and a newer period has
 * been seen (see `PeriodRetention`). Nothing current is ever dropped, so caps hold exactly.
 */
export class MemoryStore implements BudgetStore {
  readonly #scopes = new Map<string, ScopeState>();
  readonly #held = new Map<string, Held>();
  /** Closed early (by expiry or release), for a settle or a retried release after. */
  readonly #closedEarly = new ClosedReservations<ClosedEarly>(CLOSED_MAX);
  /**
   * Settled: the settle's reply, for a retry of it whose first reply was lost (it answers
   * the same, alerts and booked total included, whatever usage the retry passes) or a
   * release after it (`settled: true`). A quiet settle keeps the actual it booked instead
   * (see {@link Settled}).
   */
  readonly #settled = new ClosedReservations<Settled>(CLOSED_MAX);
  readonly #attached = new Map<string, number>();
  /**
   * Scopes whose last budget was disposed while a reservation was open in them: dropped
   * once the last one closes, their final counters handed to the budget then.
   */
  readonly #dropWhenFree = new Map<string, (final: ScopeCounters) => void>();
  readonly #periods = new PeriodRetention();
  readonly #clock: () => number;
  /**
   * No held reservation expires before this (a lower bound: closes do not raise it), so
   * reserve scans for expired ones only once the earliest may have expired.
   */
  #nextExpiry = Number.POSITIVE_INFINITY;

  constructor(options: MemoryStoreOptions = {}) {
    checkKnownKeys(
      options,
      'memoryStore options',
      { clock: true },
      'memoryStore({ clock: Date.now })',
      'a memory store option',
    );
    // Checked here, not at the first reserve: a clock that is not a function (or reads NaN)
    // would fail there as a TypeError, or make every reservation read as expired.
    this.#clock =
      options.clock === undefined
        ? Date.now
        : checkedClock(options.clock, 'memoryStore option clock');
  }

  #scope(key: string): ScopeState {
    let state = this.#scopes.get(key);
    if (state === undefined) {
      state = {
        key,
        spentTokens: 0,
        spentMicro: 0,
        spentRequests: 0,
        reservedTokens: 0,
        reservedMicro: 0,
        reservedRequests: 0,
        holds: 0,
        fired: new Set(),
      };
      this.#scopes.set(key, state);
      // A new period key is seen about once a day: the time to drop periods long past.
      for (const past of this.#periods.add(key)) {
        const old = this.#scopes.get(past);
        if (old === undefined) this.#periods.forget(past);
        else if (old.holds === 0) {
          this.#scopes.delete(past);
          this.#periods.forget(past);
        }
      }
    }
    return state;
  }

  /** {@inheritDoc BudgetStore.reserve} */
  reserve(request: StoreReserveRequest): Promise<StoreReserveResult> {
    return Promise.resolve(this.reserveSync(request));
  }

  /** Synchronous reserve, for callers that want no promise (the bench, tests). */
  reserveSync(request: StoreReserveRequest): StoreReserveResult {
    const now = this.#clock();
    // Alerts fired by booking expired reservations go out with this reserve's outcome.
    const swept = now >= this.#nextExpiry ? this.#sweep(now, request.thresholds) : undefined;
    if (this.#held.has(request.id))
      throw new InvalidArgumentError(
        `Reservation id ${request.id} is already held: every reservation needs a unique id.`,
      );
    const { amount, scopes: wanted } = request;
    const scopes: ScopeState[] = new Array(wanted.length);
    for (let i = 0; i < wanted.length; i++) {
      const s = this.#scope(wanted[i]!.key);
      const l = wanted[i]!.limits;
      scopes[i] = s;
      let metric: BudgetMetric | undefined;
      let limit = 0;
      let spent = 0;
      let reserved = 0;
      let asked = 0;
      if (!fits(s.spentTokens, s.reservedTokens, amount.tokens, l.tokens)) {
        metric = 'tokens';
        limit = l.tokens;
        spent = s.spentTokens;
        reserved = s.reservedTokens;
        asked = amount.tokens;
      } else if (!fits(s.spentMicro, s.reservedMicro, amount.microUsd, l.microUsd)) {
        metric = 'usd';
        limit = l.microUsd;
        spent = s.spentMicro;
        reserved = s.reservedMicro;
        asked = amount.microUsd;
      } else if (!fits(s.spentRequests, s.reservedRequests, amount.requests, l.requests)) {
        metric = 'requests';
        limit = l.requests;
        spent = s.spentRequests;
        reserved = s.reservedRequests;
        asked = amount.requests;
      }
      if (metric !== undefined) {
        const alerts: StoreAlert[] = [];
        const mark = `${metric}:exhausted`;
        if (swept !== undefined) alerts.push(...swept);
        if (refusalExhausts(spent, asked, limit, request.thresholds) && !s.fired.has(mark)) {
          s.fired.add(mark);
          alerts.push({ scopeKey: s.key, metric, level: 'exhausted', spent, limit });
        }
        return { ok: false, scopeKey: s.key, metric, limit, spent, reserved, alerts };
      }
    }
    for (const s of scopes) {
      s.reservedTokens += amount.tokens;
      s.reservedMicro += amount.microUsd;
      s.reservedRequests += amount.requests;
      s.holds++;
    }
    const expiresAt = now + request.ttlMs;
    this.#held.set(request.id, { scopes, limits: wanted.map((w) => w.limits), amount, expiresAt });
    if (expiresAt < this.#nextExpiry) this.#nextExpiry = expiresAt;
    return swept === undefined ? OK : { ok: true, alerts: swept };
  }

  /**
   * Books every reservation past its TTL at the worst case (as the Redis sweep does) and
   * returns the alerts that fired (undefined when none).
   */
  #sweep(now: number, thresholds: readonly AlertThreshold[]): StoreAlert[] | undefined {
    let next = Number.POSITIVE_INFINITY;
    let alerts: StoreAlert[] | undefined;
    for (const [id, held] of this.#held) {
      if (held.expiresAt <= now) alerts = this.#bookExpired(id, thresholds, alerts);
      else if (held.expiresAt < next) next = held.expiresAt;
    }
    this.#nextExpiry = next;
    return alerts;
  }

  /**
   * Books an expired reservation's worst case as spent, firing the tiers it reaches: its
   * holder is presumed dead, and a late close books the same, so held budget never turns
   * back into free budget.
   */
  #bookExpired(
    id: string,
    thresholds: readonly AlertThreshold[],
    alerts: StoreAlert[] | undefined,
  ): StoreAlert[] | undefined {
    const held = this.#free(id)!;
    const booked = this.#book(held, held.amount, thresholds, alerts);
    this.#closedEarly.remember(id, { held, by: 'expiry', reply: CLOSED_NOT_FOUND }, this.#clock());
    return booked;
  }

  /**
   * Adds `charge` to the spend of a freed reservation's scopes and fires the tiers reached;
   * with `passed`, also lists the counters the charge left above their cap.
   */
  #book(
    held: Held,
    charge: Charge,
    thresholds: readonly AlertThreshold[],
    alerts: StoreAlert[] | undefined,
    passed?: StoreCapPassed[],
  ): StoreAlert[] | undefined {
    for (let i = 0; i < held.scopes.length; i++) {
      const s = held.scopes[i]!;
      const l = held.limits[i]!;
      s.spentTokens += charge.tokens;
      s.spentMicro += charge.microUsd;
      s.spentRequests += charge.requests;
      if (passed !== undefined) {
        over(passed, s.key, 'tokens', charge.tokens, s.spentTokens, l.tokens);
        over(passed, s.key, 'usd', charge.microUsd, s.spentMicro, l.microUsd);
        over(passed, s.key, 'requests', charge.requests, s.spentRequests, l.requests);
      }
      if (thresholds.length > 0) {
        alerts = fire(s, 'tokens', s.spentTokens, l.tokens, thresholds, alerts);
        alerts = fire(s, 'usd', s.spentMicro, l.microUsd, thresholds, alerts);
        alerts = fire(s, 'requests', s.spentRequests, l.requests, thresholds, alerts);
      }
    }
    this.#dropFreed(held.scopes);
    return alerts;
  }

  #free(id: string): Held | undefined {
    const held = this.#held.get(id);
    if (held === undefined) return undefined;
    this.#held.delete(id);
    const { amount } = held;
    for (const s of held.scopes) {
      s.reservedTokens -= amount.tokens;
      s.reservedMicro -= amount.microUsd;
      s.reservedRequests -= amount.requests;
      s.holds--;
    }
    return held;
  }

  /** {@inheritDoc BudgetStore.settle} */
  settle(
    id: string,
    actual: Charge,
    thresholds: readonly AlertThreshold[],
  ): Promise<StoreCloseResult> {
    return Promise.resolve(this.settleSync(id, actual, thresholds));
  }

  /**
   * Synchronous settle. A settle that found the reservation held keeps `actual` (the
   * caller's object, not a copy, to keep this path free of allocations) to answer a retry
   * whose first reply was lost: do not change it afterwards.
   */
  settleSync(id: string, actual: Charge, thresholds: readonly AlertThreshold[]): StoreCloseResult {
    const held = this.#held.get(id);
    const now = this.#clock();
    if (held === undefined) return this.#settleNotHeld(id, actual, thresholds, now);
    const passed: StoreCapPassed[] = [];
    let reply: StoreCloseResult;
    if (held.expiresAt <= now) {
      // Past its TTL the worst case counts as spent; an actual above it was billed too.
      const booked = largerCharge(actual, held.amount);
      this.#free(id);
      reply = closedLate(booked, this.#book(held, booked, thresholds, undefined, passed), passed);
    } else {
      const alerts = this.#book(this.#free(id)!, actual, thresholds, undefined, passed);
      if (passed.length === 0 && alerts === undefined) {
        // The hot path: the actual is kept, not a reply made for it (see `Settled`).
        this.#settled.remember(id, actual, now);
        return CLOSED_QUIET;
      }
      // `booked` too, so a retry with another usage learns what this one booked.
      reply =
        passed.length > 0
          ? { found: true, booked: actual, alerts: alerts ?? [], capsPassed: passed }
          : { found: true, booked: actual, alerts: alerts ?? [] };
    }
    this.#settled.remember(id, reply, now);
    return reply;
  }

  /**
   * A settle of a reservation not held. Settled already (this settle's earlier attempt, its
   * reply lost): the same reply, nothing booked. Booked at its worst case by expiry: books
   * what the actual exceeds that by. Released (its reply lost, then the call made after
   * all): books the actual, `released: true`. Once either way; forgotten (past the day, or
   * 10,000-20,000 later closes): nothing, `forgotten: true`.
   */
  #settleNotHeld(
    id: string,
    actual: Charge,
    thresholds: readonly AlertThreshold[],
    now: number,
  ): StoreCloseResult {
    const settled = this.#settled.get(id, now);
    if (settled !== undefined) return settledReply(settled);
    const closed = this.#closedEarly.get(id, now);
    // Expired longer ago than remembered: its worst case was booked, its actual cannot be.
    if (closed === undefined) return FORGOTTEN;
    this.#closedEarly.forget(id);
    const { held } = closed;
    const passed: StoreCapPassed[] = [];
    let reply: StoreCloseResult;
    if (closed.by === 'release') {
      const alerts = this.#book(held, actual, thresholds, undefined, passed);
      reply = { ...closedLate(actual, alerts, passed), released: true };
    } else {
      const excess = chargeAbove(actual, held.amount);
      const alerts = this.#book(held, excess, thresholds, undefined, passed);
      reply = closedLate(largerCharge(actual, held.amount), alerts, passed);
    }
    this.#settled.remember(id, reply, now);
    return reply;
  }

  /** {@inheritDoc BudgetStore.release} */
  release(id: string, thresholds: readonly AlertThreshold[] = []): Promise<StoreCloseResult> {
    return Promise.resolve(this.releaseSync(id, thresholds));
  }

  /** Synchronous release. */
  releaseSync(id: string, thresholds: readonly AlertThreshold[] = []): StoreCloseResult {
    const held = this.#held.get(id);
    const now = this.#clock();
    if (held === undefined) return this.#releaseNotHeld(id, now);
    if (held.expiresAt <= now) {
      // Past its TTL: booked at the worst case, never freed.
      const alerts = this.#bookExpired(id, thresholds, undefined);
      if (alerts === undefined) return CLOSED_NOT_FOUND;
      const reply: StoreCloseResult = { found: false, alerts };
      this.#closedEarly.remember(id, { held, by: 'expiry', reply }, now);
      return reply;
    }
    this.#free(id);
    this.#closedEarly.remember(id, { held, by: 'release', reply: CLOSED_QUIET }, now);
    this.#dropFreed(held.scopes);
    return CLOSED_QUIET;
  }

  /**
   * A release of a reservation not held: a retry answers as the first release did; after a
   * settle (its reply lost) it says `settled: true`, with that settle's `found` and alerts
   * (never delivered: the reply was lost), and books nothing.
   */
  #releaseNotHeld(id: string, now: number): StoreCloseResult {
    const kept = this.#settled.get(id, now);
    if (kept !== undefined) {
      const settled = settledReply(kept);
      return { found: settled.found, settled: true, alerts: settled.alerts };
    }
    return this.#closedEarly.get(id, now)?.reply ?? CLOSED_NOT_FOUND;
  }

  /** Drops the scopes among `scopes` that were waiting for their last reservation to close. */
  #dropFreed(scopes: readonly ScopeState[]): void {
    for (const s of scopes) {
      const onDropped = s.holds === 0 ? this.#dropWhenFree.get(s.key) : undefined;
      if (onDropped === undefined) continue;
      this.#dropWhenFree.delete(s.key);
      this.#scopes.delete(s.key);
      onDropped(counters(s.key, s));
    }
  }

  /** {@inheritDoc BudgetStore.usage} */
  usage(keys: readonly string[]): Promise<readonly ScopeCounters[]> {
    return Promise.resolve(this.usageSync(keys));
  }

  /** Synchronous usage. */
  usageSync(keys: readonly string[]): ScopeCounters[] {
    const list = keys.map((key) => counters(key, this.#scopes.get(key)));
    const now = this.#clock();
    if (now < this.#nextExpiry) return list;
    // Reservations past their TTL count as spent at the worst case, as in Redis: read here,
    // booked (with their alerts) by the next reserve or close.
    for (const held of this.#held.values()) {
      if (held.expiresAt > now) continue;
      for (const s of held.scopes) {
        const i = keys.indexOf(s.key);
        if (i < 0) continue;
        const { spent, reserved } = list[i]!;
        list[i] = {
          key: s.key,
          spent: {
            tokens: spent.tokens + held.amount.tokens,
            microUsd: spent.microUsd + held.amount.microUsd,
            requests: spent.requests + held.amount.requests,
          },
          reserved: {
            tokens: reserved.tokens - held.amount.tokens,
            microUsd: reserved.microUsd - held.amount.microUsd,
            requests: reserved.requests - held.amount.requests,
          },
        };
      }
    }
    return list;
  }

  /** {@inheritDoc BudgetStore.attachScope} */
  attachScope(key: string): void {
    this.#attached.set(key, (this.#attached.get(key) ?? 0) + 1);
    this.#dropWhenFree.delete(key);
  }

  /**
   * {@inheritDoc BudgetStore.detachScope}
   * Drops the scope's counters when no budget is attached any more and nothing is held in
   * it, and returns them; keeps them (returns undefined) otherwise, and then drops them once
   * the last reservation held in it is settled or released.
   */
  detachScope(key: string, onDropped?: (final: ScopeCounters) => void): ScopeCounters | undefined {
    const attached = (this.#attached.get(key) ?? 0) - 1;
    if (attached > 0) {
      this.#attached.set(key, attached);
      return undefined;
    }
    this.#attached.delete(key);
    const state = this.#scopes.get(key);
    if (state !== undefined && state.holds > 0) {
      this.#dropWhenFree.set(key, onDropped ?? (() => {}));
      return undefined;
    }
    this.#scopes.delete(key);
    return counters(key, state);
  }

  /** Number of scopes whose counters the store keeps (for tests and diagnostics). */
  get scopeCount(): number {
    return this.#scopes.size;
  }
}

/** The result of a settle past the reservation's TTL that booked `booked` in all. */
function closedLate(
  booked: Charge,
  alerts: StoreAlert[] | undefined,
  passed: readonly StoreCapPassed[],
): StoreCloseResult {
  return {
    found: false,
    booked,
    alerts: alerts ?? [],
    ...(passed.length > 0 ? { capsPassed: passed } : {}),
  };
}

function counters(key: string, s: ScopeState | undefined): ScopeCounters {
  return {
    key,
    spent: {
      tokens: s?.spentTokens ?? 0,
      microUsd: s?.spentMicro ?? 0,
      requests: s?.spentRequests ?? 0,
    },
    reserved: {
      tokens: s?.reservedTokens ?? 0,
      microUsd: s?.reservedMicro ?? 0,
      requests: s?.reservedRequests ?? 0,
    },
  };
}

/** A new in-process budget store (the default). */
export function memoryStore(options?: MemoryStoreOptions): MemoryStore {
  return new MemoryStore(options);
}
