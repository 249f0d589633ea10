import { randomUUID } from 'node:crypto';
import type { AlertLevel, AlertThreshold } from '../budget/alert-threshold.js';
import type {
  BudgetStore,
  ScopeCounters,
  StoreAlert,
  StoreCapPassed,
  StoreCloseResult,
  StoreReserveRequest,
  StoreReserveResult,
} from '../budget/budget-store.js';
import type { Charge } from '../budget/charge.js';
import { CLOSE_MEMORY_MS } from '../budget/closed-reservations.js';
import { MAX_TIMER_MS, nonNegativeInt, timerMs } from '../budget/limits.js';
import { checkKnownKeys } from '../budget/option-keys.js';
import type { BudgetMetric } from '../errors/budget-exceeded-error.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { kindOf, shownNumber } from '../errors/kind-of.js';
import { OptionalDependencyMissingError } from '../errors/optional-dependency-missing-error.js';
import { loadModule } from '../load-module.js';
import type { RateLimitStore, RateLimits } from '../rate/rate-limit-store.js';
import { AbandonedReserves } from './abandoned-reserves.js';
import { CANCEL_LUA } from './lua/cancel.js';
import { CLOSE_LUA } from './lua/close.js';
import { RATE_LUA } from './lua/rate.js';
import { RESERVE_LUA } from './lua/reserve.js';
import { USAGE_LUA } from './lua/usage.js';
import { LuaScript } from './lua-script.js';
import { type OpenReservation, pruneOpen } from './open-reservations.js';
import type { RedisClientLike } from './redis-client.js';
import { withTimeout } from './with-timeout.js';

/** Options of {@link redisStore}. */
export interface RedisStoreOptions {
  /** An ioredis client (`new Redis(url)` or a `Cluster`). Give this or `url`, not both. */
  readonly client?: RedisClientLike;
  /** Redis URL; the store then creates an ioredis client (ioredis must be installed). */
  readonly url?: string;
  /**
   * Key prefix, e.g. `pm:budget:acme`. All keys are hash-tagged `{prefix}` so every script's
   * keys share one Cluster slot.
   */
  readonly prefix: string;
  /**
   * Max wait for Redis before refusing with `BudgetStoreUnavailableError`. Default 2000 ms;
   * a whole number of ms from 1 to 2^31 - 1 (a timer enforces it).
   */
  readonly timeoutMs?: number;
  /**
   * How long an idle scope's counters (and alert marks) are kept, in whole ms. Default 70
   * days. At least `MIN_RETENTION_MS` (~56.9 days: a calendar month with a day of time-zone
   * slack, plus the longest reservation TTL), so a period's counters can never expire while
   * the period, or a reservation held in it, is still current. Omit it for the default;
   * anything else, `null` included, that is not such a number is `InvalidArgumentError`.
   */
  readonly retentionMs?: number;
}

/** Every option of `redisStore` (the `Record` makes the compiler keep it complete). */
const REDIS_STORE_KEYS: Readonly<Record<keyof RedisStoreOptions, true>> = {
  client: true,
  url: true,
  prefix: true,
  timeoutMs: true,
  retentionMs: true,
};

/**
 * Shortest `retentionMs` accepted: 32 days (the longest calendar month, plus a day for
 * time zones and DST) plus the longest reservation TTL (2^31 - 1 ms). A shorter retention
 * could expire a current month's counters (or a held reservation's scopes) and reopen a
 * spent cap.
 */
export const MIN_RETENTION_MS = 32 * 86_400_000 + MAX_TIMER_MS;

/** `retentionMs` when the option is omitted: 70 days. */
const DEFAULT_RETENTION_MS = 70 * 86_400_000;

/** The Redis store: budgets and rate limits shared by many processes and machines. */
export interface RedisStore extends BudgetStore, RateLimitStore {
  /**
   * The client in use. Not enumerable, and left out of `util.inspect` and `JSON.stringify`
   * of the store: a client made from `url` holds its password in its options.
   */
  readonly client: RedisClientLike;
  /**
   * Makes a last try at cancelling abandoned reserves, then closes the client if the store
   * created it from `url`: QUIT, or a plain disconnect when Redis does not answer. Both
   * together take at most `timeoutMs`: never hangs; idempotent.
   */
  close(): Promise<void>;
}

const METRIC_NAMES: readonly BudgetMetric[] = ['tokens', 'usd', 'requests'];
const reserveScript = new LuaScript(RESERVE_LUA);
const closeScript = new LuaScript(CLOSE_LUA);
const cancelScript = new LuaScript(CANCEL_LUA);
const usageScript = new LuaScript(USAGE_LUA);
const rateScript = new LuaScript(RATE_LUA);

const OK: StoreReserveResult = Object.freeze({ ok: true });
/** The close script's level for a counter booked past its cap (see CLOSE_LUA). */
const OVER = 'over' as AlertLevel;
const NOT_FOUND: StoreCloseResult = Object.freeze({ found: false, alerts: Object.freeze([]) });
/** A settle of a reservation no one knew any more (see `StoreCloseResult.forgotten`). */
const FORGOTTEN: StoreCloseResult = Object.freeze({
  found: false,
  forgotten: true,
  alerts: Object.freeze([]),
});
const RELEASED: StoreCloseResult = Object.freeze({ found: true, alerts: Object.freeze([]) });

type OwnedClient = RedisClientLike & {
  quit(): Promise<unknown>;
  disconnect(): void;
  on(event: 'error', listener: (error: unknown) => void): unknown;
};

function createClient(url: string): OwnedClient {
  let Redis: new (url: string, options: object) => OwnedClient;
  try {
    const mod = loadModule('ioredis') as { default?: unknown };
    Redis = (mod.default ?? mod) as typeof Redis;
  } catch (cause) {
    throw new OptionalDependencyMissingError(
      'ioredis',
      `Install the optional peer (npm install ioredis) to use @pm/budget/redis, or pass { client }. (${String(cause)})`,
    );
  }
  // An empty url makes ioredis connect to localhost:6379 in silence (REDIS_URL= in an env
  // file): replicas would each count on their own Redis, not share one cap.
  if (url.trim() === '') {
    throw new InvalidArgumentError(
      'redisStore url is empty: pass the shared Redis, e.g. redisStore({ url: process.env.REDIS_URL, prefix }) with REDIS_URL=redis://host:6379.',
    );
  }
  let client: OwnedClient;
  try {
    client = new Redis(url, { maxRetriesPerRequest: 1, enableAutoPipelining: true });
  } catch (error) {
    // ioredis parses the url with `new URL()`, whose error keeps the whole url, password
    // and all, as its `input`: neither it nor the url is passed on.
    const code = (error as { code?: unknown } | null)?.code;
    throw new InvalidArgumentError(
      `redisStore url could not be parsed${typeof code === 'string' ? ` (${code})` : ''}: use redis://[user:password@]host:port[/db] (rediss:// for TLS). The url is not shown: it may hold a password.`,
    );
  }
  // Without a listener ioredis prints "Unhandled error event" (with the error) on every
  // failed reconnect. The failure still reaches the caller: each operation then fails or
  // times out as BudgetStoreUnavailableError.
  client.on('error', () => {});
  return client;
}

/**
 * Replies are read with `Number()` throughout: a client may return Redis integers as strings
 * (ioredis `stringNumbers: true`), and a held reservation must never go unrecognised.
 */
function toAlerts(reply: readonly unknown[], start: number): StoreAlert[] {
  const alerts: StoreAlert[] = [];
  for (let i = start; i + 4 < reply.length; i += 5) {
    alerts.push({
      scopeKey: String(reply[i]),
      metric: METRIC_NAMES[Number(reply[i + 1]) - 1]!,
      level: String(reply[i + 2]) as AlertLevel,
      spent: Number(reply[i + 3]),
      limit: Number(reply[i + 4]),
    });
  }
  return alerts;
}

/**
 * Whether a close script's reply of this status gives the amounts booked after it (see
 * CLOSE_LUA): 4 settled past its TTL; 7 settled after a release that was done (its reply
 * lost); 8 settled as 1, the reply kept; 9 settled a reservation Redis had lost, as 2. A
 * retry with another usage is answered with them: what the attempt that was done booked.
 */
function withAmounts(status: number): boolean {
  return status === 4 || status === 7 || status === 8 || status === 9;
}

/**
 * A `BudgetStore` and `RateLimitStore` on Redis. Reserve, settle, release, the expiry of
 * crashed holders (booked as spent at the worst case) and alert-once are each one atomic
 * Lua script over all the scopes' keys. Any Redis failure or a wait over `timeoutMs`
 * refuses with `BudgetStoreUnavailableError`.
 *
 * @example
 * import { Redis } from 'ioredis';
 * import { redisStore } from '@pm/budget/redis';
 * const store = redisStore({ client: new Redis(process.env.REDIS_URL), prefix: 'pm:budget:acme' });
 * const budget = createBudget({ limits: { usd: 2 }, period: { month: { usd: 100 } }, store });
 */
export function redisStore(options: RedisStoreOptions): RedisStore {
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError(
      "redisStore needs { client, prefix }, e.g. redisStore({ client: new Redis(url), prefix: 'pm:budget' }).",
    );
  }
  // A misspelt option (`timeout`, `retention`) would silently keep its default.
  checkKnownKeys(
    options,
    'redisStore options',
    REDIS_STORE_KEYS,
    "redisStore({ client, prefix: 'pm:budget', timeoutMs: 2000 })",
    'a redisStore option',
  );
  const { prefix } = options;
  if (typeof prefix !== 'string' || prefix.length === 0 || /[{}]/.test(prefix)) {
    throw new InvalidArgumentError(
      `redisStore needs a non-empty prefix without braces (it becomes the hash tag); got ${JSON.stringify(prefix)}.`,
    );
  }
  let owned: OwnedClient | undefined;
  let client = options.client;
  // Both given, the url would be ignored in silence: the host may think the store counts on
  // the Redis it names while the client points elsewhere.
  if (client !== undefined && options.url !== undefined) {
    throw new InvalidArgumentError(
      'redisStore takes a client or a url, not both: pass redisStore({ client, prefix }) or redisStore({ url, prefix }).',
    );
  }
  if (client === undefined) {
    // A url that is not a string (a port number, an object) is a mistake, not a missing peer.
    if (options.url !== undefined && typeof options.url !== 'string') {
      throw new InvalidArgumentError(
        `redisStore url must be a string such as redis://host:6379; got ${kindOf(options.url)}.`,
      );
    }
    if (typeof options.url !== 'string') {
      throw new OptionalDependencyMissingError(
        'A Redis client',
        'Pass an ioredis client (redisStore({ client: new Redis(process.env.REDIS_URL), prefix })) or a url (ioredis must be installed).',
      );
    }
    const created = createClient(options.url);
    owned = created;
    client = created;
  }
  // `client: null` (an env lookup that found nothing) would fail below as a TypeError.
  if (typeof client?.evalsha !== 'function' || typeof client.eval !== 'function') {
    throw new InvalidArgumentError(
      `redisStore client must be an ioredis client (it needs evalsha and eval); got ${kindOf(client)}: pass redisStore({ client: new Redis(process.env.REDIS_URL), prefix }), or { url, prefix }.`,
    );
  }
  const redis = client;
  const timeoutMs =
    options.timeoutMs === undefined ? 2000 : timerMs(options.timeoutMs, 'timeoutMs');
  // Only an absent option takes the default: null could mean "keep forever" as well as
  // "default", and neither may be guessed for how long a cap's counters live.
  const retentionMs =
    options.retentionMs === undefined ? DEFAULT_RETENTION_MS : options.retentionMs;
  if (
    typeof retentionMs !== 'number' ||
    !Number.isSafeInteger(retentionMs) ||
    retentionMs < MIN_RETENTION_MS
  ) {
    throw new InvalidArgumentError(
      `redisStore retentionMs must be a whole number of ms of at least ${MIN_RETENTION_MS} (~56.9 days: a month plus the longest reservation TTL); omit it for the default of 70 days (there is no "keep forever"); got ${shownNumber(retentionMs)}.`,
    );
  }
  const tag = `{${prefix}}`;
  const held = `${tag}:held`;
  const expiry = `${tag}:expiry`;
  const scopeKey = (key: string) => `${tag}:scope:${key}`;

  const booked = `${tag}:booked`;
  const epochKey = `${tag}:epoch`;
  const replies = `${tag}:close-replies`;
  const repliedAt = `${tag}:close-replied-at`;
  const settledLate = `${tag}:settled-late`;
  const releasedKey = `${tag}:released`;
  // Offered by each reserve as the store's epoch, taken if none is set (see CLOSE_LUA).
  // Never offered twice: after a restart this process's first reserve must not restore the
  // epoch its older reservations were made in.
  const epochBase = randomUUID();
  let epochSeq = 0;
  /**
   * What this process needs to book a reservation the store has lost (a restart without
   * persistence): the epoch it was made in and its scopes; and the first close of it that
   * went unanswered. Dropped when it closes, or a day past its TTL if it never does (the
   * last 10,000 at least past the first hour: `pruneOpen`; a settle after that is
   * `forgotten`), or a day after a close went unanswered.
   */
  const open = new Map<string, OpenReservation>();
  const abandoned = new AbandonedReserves((ids) =>
    withTimeout(
      'cancel',
      timeoutMs,
      cancelScript.run(redis, [held, expiry, booked], [retentionMs, ...ids]),
    ),
  );
  let nextPrune = 0;
  function remember(request: StoreReserveRequest, epoch: string): void {
    const now = Date.now();
    if (now >= nextPrune) {
      pruneOpen(open, now);
      nextPrune = now + 60_000;
    }
    const expiresAt = now + request.ttlMs;
    open.set(request.id, {
      epoch,
      scopes: request.scopes,
      amount: request.amount,
      expiresAt,
      forgetAt: expiresAt + CLOSE_MEMORY_MS,
    });
  }
  async function close(
    operation: 'settle' | 'release',
    id: string,
    actual: Charge,
    thresholds: readonly AlertThreshold[],
  ): Promise<StoreCloseResult> {
    const o = open.get(id);
    const keys = [held, expiry, booked, epochKey, replies, repliedAt, settledLate, releasedKey];
    const args: (string | number)[] = [
      id,
      operation === 'settle' ? 1 : 0,
      actual.tokens,
      actual.microUsd,
      actual.requests,
      o?.epoch ?? '',
      retentionMs,
      o?.amount.tokens ?? '',
      o?.amount.microUsd ?? '',
      o?.amount.requests ?? '',
      o?.firstUnanswered === undefined ? '' : o.firstUnanswered === 'settle' ? 's' : 'r',
    ];
    for (const s of o?.scopes ?? []) {
      keys.push(scopeKey(s.key));
      args.push(s.key, s.limits.tokens, s.limits.microUsd, s.limits.requests);
    }
    for (const t of thresholds) args.push(t.level, t.permille);
    let reply: unknown[];
    try {
      reply = (await withTimeout(
        operation,
        timeoutMs,
        closeScript.run(redis, keys, args),
      )) as unknown[];
    } catch (error) {
      if (o !== undefined) {
        o.firstUnanswered ??= operation;
        if (operation === 'settle') o.firstSettle ??= actual;
        o.forgetAt = Math.max(o.forgetAt, Date.now() + CLOSE_MEMORY_MS);
      }
      throw error;
    }
    open.delete(id);
    // 3: an earlier attempt of this close was done in Redis and its reply lost; it had found
    // the reservation held (1), so the retry answers as that attempt would have.
    let status = Number(reply[0]);
    // 6: a release found it settled by an earlier attempt (reply lost); the settle's own
    // reply follows.
    const settled = status === 6;
    if (settled) {
      reply = reply.slice(1);
      status = Number(reply[0]);
      const entries = toAlerts(reply, withAmounts(status) ? 4 : 1);
      return {
        found: status === 1 || status === 3 || status === 8,
        settled: true,
        alerts: entries.filter((e) => e.level !== OVER),
      };
    }
    if (reply.length === 1) {
      // A settle's earlier attempt did it: the first that went unanswered (see CLOSE_LUA).
      if (status === 3 && operation === 'settle' && o?.firstSettle !== undefined) {
        return { found: true, booked: o.firstSettle, alerts: [] };
      }
      if (status === 1 || status === 3) return RELEASED;
      // A settle this process had no record for, and Redis no reply kept: expired (booked at
      // its worst case) longer ago than the record is kept; its actual cannot be booked.
      if (status === 0) return operation === 'settle' && o === undefined ? FORGOTTEN : NOT_FOUND;
    }
    const withTotal = withAmounts(status);
    // Entries of level 'over' are counters the booking left above their cap, not alerts.
    const entries = toAlerts(reply, withTotal ? 4 : 1);
    const alerts = entries.filter((e) => e.level !== OVER);
    const capsPassed: StoreCapPassed[] = [];
    for (const e of entries) {
      if (e.level === OVER) {
        capsPassed.push({ scopeKey: e.scopeKey, metric: e.metric, spent: e.spent, limit: e.limit });
      }
    }
    return {
      found: status === 1 || status === 3 || status === 8,
      ...(status === 2 || status === 9 ? { lost: true } : {}),
      // 5: as 7, kept before the reply gave the amounts: the actual booked was this one's.
      ...(status === 5 ? { released: true, booked: actual } : {}),
      ...(status === 7 ? { released: true } : {}),
      ...(withTotal
        ? {
            booked: {
              tokens: Number(reply[1]),
              microUsd: Number(reply[2]),
              requests: Number(reply[3]),
            },
          }
        : {}),
      alerts,
      ...(capsPassed.length > 0 ? { capsPassed } : {}),
    };
  }

  const store: Omit<RedisStore, 'client'> = {
    async reserve(request: StoreReserveRequest): Promise<StoreReserveResult> {
      const keys = [held, expiry, booked, epochKey];
      const args: (string | number)[] = [
        request.id,
        timerMs(request.ttlMs, 'ttlMs'),
        retentionMs,
        request.amount.tokens,
        request.amount.microUsd,
        request.amount.requests,
        request.thresholds.length,
        `${epochBase}:${++epochSeq}`,
      ];
      for (const s of request.scopes) {
        keys.push(scopeKey(s.key));
        args.push(s.key, s.limits.tokens, s.limits.microUsd, s.limits.requests);
      }
      for (const t of request.thresholds) args.push(t.level, t.permille);
      let reply: (number | string)[];
      try {
        reply = (await withTimeout('reserve', timeoutMs, reserveScript.run(redis, keys, args))) as (
          | number
          | string
        )[];
      } catch (error) {
        // The caller is told the call is refused, yet the client may still deliver this
        // reserve once Redis is back: cancel it there, or it holds budget no one can close.
        abandoned.add(request.id, request.ttlMs);
        throw error;
      }
      const status = Number(reply[0]);
      if (status === 1) {
        remember(request, String(reply[1]));
        // Alerts fired by booking expired reservations first follow the outcome.
        return reply.length === 2 ? OK : { ok: true, alerts: toAlerts(reply, 2) };
      }
      if (status === -1 || status === -2)
        throw new InvalidArgumentError(
          `Reservation id ${request.id} is already ${status === -1 ? 'held' : 'used'}: every reservation needs a unique id.`,
        );
      const n = (i: number) => Number(reply[i]);
      const scope = request.scopes[n(1) - 1]!;
      const metric = METRIC_NAMES[n(2) - 1]!;
      const [limit, spent, reserved, fired] = [n(3), n(4), n(5), n(6)];
      const alerts = toAlerts(reply, 7);
      if (fired === 1)
        alerts.push({ scopeKey: scope.key, metric, level: 'exhausted', spent, limit });
      return { ok: false, scopeKey: scope.key, metric, limit, spent, reserved, alerts };
    },

    settle(
      id: string,
      actual: Charge,
      thresholds: readonly AlertThreshold[],
    ): Promise<StoreCloseResult> {
      return close('settle', id, actual, thresholds);
    },

    release(id: string, thresholds: readonly AlertThreshold[] = []): Promise<StoreCloseResult> {
      return close('release', id, { tokens: 0, microUsd: 0, requests: 0 }, thresholds);
    },

    async usage(keys: readonly string[]): Promise<readonly ScopeCounters[]> {
      if (keys.length === 0) return [];
      const reply = (await withTimeout(
        'usage',
        timeoutMs,
        usageScript.run(redis, [held, expiry, ...keys.map(scopeKey)], []),
      )) as number[];
      return keys.map((key, i) => {
        const v = (j: number) => Number(reply[i * 6 + j] ?? 0);
        return {
          key,
          spent: { tokens: v(0), microUsd: v(1), requests: v(2) },
          reserved: { tokens: v(3), microUsd: v(4), requests: v(5) },
        };
      });
    },

    async acquireRate(
      key: string,
      requests: number,
      tokens: number,
      limits: RateLimits,
    ): Promise<number> {
      // A negative weight would be granted and logged as negative use, freeing room in the
      // window for other calls; a fraction or NaN breaks the Lua log's amounts.
      nonNegativeInt(requests, 'acquireRate requests');
      nonNegativeInt(tokens, 'acquireRate tokens');
      for (const name of ['requestsPerMinute', 'tokensPerMinute'] as const) {
        const limit = limits?.[name];
        if (limit !== -1) nonNegativeInt(limit, `acquireRate limits.${name} (-1 for none)`);
      }
      const reply = await withTimeout(
        'rate limit',
        timeoutMs,
        rateScript.run(
          redis,
          // The logs' names cannot collide with another key's hash (`rate:` vs `rate-log:`).
          [`${tag}:rate:${key}`, `${tag}:rate-log:r:${key}`, `${tag}:rate-log:t:${key}`],
          [requests, tokens, limits.requestsPerMinute, limits.tokensPerMinute],
        ),
      );
      return Number(reply);
    },

    async close(): Promise<void> {
      // One timeoutMs for the whole close: the last cancel and QUIT share it, so a silent
      // Redis holds the host's shutdown for timeoutMs, not once per step.
      const deadline = Date.now() + timeoutMs;
      // A last try at cancelling abandoned reserves; left over, they expire and are booked
      // at their worst case. flush() never rejects: only the timeout can.
      await withTimeout('close', timeoutMs, abandoned.flush()).catch(() => {});
      abandoned.stop();
      if (owned === undefined) return;
      // QUIT waits for Redis's reply: a Redis that accepts connections but stopped answering
      // would hold close() (and the host's shutdown) for ever. Past the deadline, or if QUIT
      // fails, drop the connection instead.
      const left = deadline - Date.now();
      try {
        if (left < 1) throw new Error('no time left for QUIT');
        await withTimeout('close', left, owned.quit());
      } catch {
        owned.disconnect();
      }
    },
  };
  // What the store shows of itself: never the client (its options hold the URL's password).
  const summary = () => ({ prefix, timeoutMs, retentionMs, ownsClient: owned !== undefined });
  Object.defineProperties(store, {
    client: { value: redis, enumerable: false },
    toJSON: { value: summary, enumerable: false },
    [Symbol.for('nodejs.util.inspect.custom')]: {
      value: () => `RedisStore ${JSON.stringify(summary())}`,
      enumerable: false,
    },
  });
  return store as RedisStore;
}
