import { expect } from 'vitest';
import { type BudgetStore, createBudget } from '../src/index.js';

/**
 * A store whose next close's reply can be lost: the store does the close, the caller gets
 * an error. `landed` waits until a lost close has reached the store (Redis: the reply is
 * only late), `forget` stands for a while passing that the store remembers (the hour the
 * lost-release memory used to last).
 */
export interface LossyStore {
  readonly store: BudgetStore;
  loseNextReply(): void;
  /** The next close fails before it reaches the store (nothing done there). */
  refuseNext(): void;
  landed(): Promise<void>;
  forget(): Promise<void>;
}

/** A memory-store wrapper that loses the reply of the next close after `loseNextReply`. */
export function lossyWrapper(inner: BudgetStore): Omit<LossyStore, 'forget'> {
  let lose = false;
  let refuse = false;
  const maybeLose = <T>(result: T): T => {
    if (!lose) return result;
    lose = false;
    throw new Error('reply lost');
  };
  const maybeRefuse = () => {
    if (!refuse) return;
    refuse = false;
    throw new Error('store unreachable');
  };
  return {
    store: {
      reserve: (r) => inner.reserve(r),
      usage: (keys) => inner.usage(keys),
      settle: async (id, actual, t) => {
        maybeRefuse();
        return maybeLose(await inner.settle(id, actual, t));
      },
      release: async (id, t) => {
        maybeRefuse();
        return maybeLose(await inner.release(id, t));
      },
    },
    loseNextReply: () => {
      lose = true;
    },
    refuseNext: () => {
      refuse = true;
    },
    landed: async () => {},
  };
}

const CALL = { model: 'gpt-5.2', inputTokens: 50, maxOutputTokens: 50 } as const; // 100 tokens
const USAGE = { inputTokens: 50, outputTokens: 10 } as const; // 60 tokens

function lossyBudget(lossy: LossyStore, ttlMs?: number) {
  const budget = createBudget({
    store: lossy.store,
    limits: { tokens: 1000 },
    alerts: { info: 0.05 },
    onAlert: () => {},
    onOverspend: () => {},
    ...(ttlMs === undefined ? {} : { reservationTtlMs: ttlMs }),
  });
  const run = async () => (await budget.usage()).scopes[0]!;
  return { budget, run };
}

/**
 * Runs one close (`settle` or `release`) whose reply is lost: the caller sees it throw, and
 * by the time this returns the store has done it.
 */
async function closeWithReplyLost(lossy: LossyStore, close: () => Promise<unknown>) {
  lossy.loseNextReply();
  await expect(close()).rejects.toThrow();
  await lossy.landed();
}

/** A release after a settle whose reply was lost says so (`settled: true`) and books nothing more. */
export async function expectReleaseAfterLostSettleSaysSettled(lossy: LossyStore): Promise<void> {
  const { budget, run } = lossyBudget(lossy);
  const r = await budget.reserve(CALL);
  await closeWithReplyLost(lossy, () => r.settle(USAGE));
  // The settle fired the 5% alert; its reply was lost, so the release hands it over.
  const release = await r.release();
  expect(release).toMatchObject({ found: true, settled: true });
  expect(release.alerts.map((a) => a.level)).toEqual(['info']);
  expect(await run()).toMatchObject({ spent: { tokens: 60 }, reserved: { tokens: 0 } });
  // Closed by the settle, as far as the reservation is concerned.
  expect(r.closed).toBe(true);
  await expect(r.settle(USAGE)).rejects.toMatchObject({
    code: 'RESERVATION_CLOSED',
    details: { attempted: 'settle', closedBy: 'settle' },
  });
  // A plain release of another reservation still says it freed the hold.
  await expect((await budget.reserve(CALL)).release()).resolves.toMatchObject({
    found: true,
    settled: false,
  });
  expect(await run()).toMatchObject({ spent: { tokens: 60 }, reserved: { tokens: 0 } });
  budget.dispose();
}

/**
 * A settle after a release whose reply was lost books the actual once, however long after
 * the release (past the hour the memory used to last), and a retry books nothing more.
 */
export async function expectSettleLongAfterLostReleaseBooks(lossy: LossyStore): Promise<void> {
  const { budget, run } = lossyBudget(lossy);
  const r = await budget.reserve(CALL);
  await closeWithReplyLost(lossy, () => r.release());
  await lossy.forget();
  await closeWithReplyLost(lossy, () => r.settle(USAGE));
  expect(await r.settle(USAGE)).toMatchObject({ found: false, released: true, tokens: 60 });
  expect(await run()).toMatchObject({ spent: { tokens: 60 }, reserved: { tokens: 0 } });
  budget.dispose();
}

/**
 * A late settle (past the TTL, actual above the worst case) retried after its reply was
 * lost answers as the first attempt did: what was booked, the overrun, nothing more booked.
 */
export async function expectLateSettleRetrySameReply(
  lossy: LossyStore,
  passTtl: () => Promise<void>,
): Promise<void> {
  const { budget, run } = lossyBudget(lossy, 20);
  const r = await budget.reserve(CALL);
  await passTtl();
  const usage = { inputTokens: 50, outputTokens: 200 }; // 250 tokens, worst case 100
  await closeWithReplyLost(lossy, () => r.settle(usage));
  expect(await r.settle(usage)).toMatchObject({
    found: false,
    tokens: 250,
    overrun: true,
    excess: { tokens: 150 },
  });
  expect(await run()).toMatchObject({ spent: { tokens: 250 }, reserved: { tokens: 0 } });
  budget.dispose();
}

/**
 * A settle after a late release whose reply was lost (the release booked the worst case
 * and fired an alert) books what its actual exceeds the worst case by, as after any late
 * close, rather than answering with the release's reply.
 */
export async function expectSettleAfterLostLateReleaseBooksExcess(
  lossy: LossyStore,
  passTtl: () => Promise<void>,
): Promise<void> {
  const { budget, run } = lossyBudget(lossy, 20);
  const r = await budget.reserve(CALL);
  await passTtl();
  await closeWithReplyLost(lossy, () => r.release());
  expect(await r.settle({ inputTokens: 50, outputTokens: 200 })).toMatchObject({
    found: false,
    tokens: 250,
    overrun: true,
  });
  expect(await run()).toMatchObject({ spent: { tokens: 250 }, reserved: { tokens: 0 } });
  budget.dispose();
}

/**
 * A settle after a lost release, retried after its own reply was lost with another usage
 * (a host that recounted), answers what the first attempt booked, not the usage it passed.
 */
export async function expectSettleRetryAfterLostReleaseAnswersBooked(
  lossy: LossyStore,
): Promise<void> {
  const { budget, run } = lossyBudget(lossy);
  const r = await budget.reserve(CALL);
  await closeWithReplyLost(lossy, () => r.release());
  await closeWithReplyLost(lossy, () => r.settle({ inputTokens: 50, outputTokens: 40 }));
  expect(await r.settle(USAGE)).toMatchObject({ found: false, released: true, tokens: 90 });
  expect(await run()).toMatchObject({ spent: { tokens: 90 }, reserved: { tokens: 0 } });
  budget.dispose();
}

/**
 * A settle retried with another usage after its reply was lost (a host that recounted)
 * answers what the first attempt booked, and says the usage passed now was not booked;
 * through an alert-firing reply and a quiet one, and through a retry whose reply was lost too.
 */
export async function expectSettleRetryWithOtherUsageAnswersBooked(
  lossy: LossyStore,
): Promise<void> {
  const { budget, run } = lossyBudget(lossy);
  // 250 tokens on a worst case of 100: an overrun, and the 5% alert fires.
  const first = await budget.reserve(CALL);
  await closeWithReplyLost(lossy, () => first.settle({ inputTokens: 50, outputTokens: 200 }));
  const retried = await first.settle(USAGE);
  expect(retried).toMatchObject({
    found: true,
    tokens: 250,
    overrun: true,
    excess: { tokens: 150 },
    usageDiffered: true,
  });
  expect(retried.alerts.map((a) => a.level)).toEqual(['info']);
  expect(await run()).toMatchObject({ spent: { tokens: 250 }, reserved: { tokens: 0 } });
  // A quiet settle (no alert, no overrun: 90 tokens), retried twice, the first retry's reply lost too.
  const second = await budget.reserve(CALL);
  await closeWithReplyLost(lossy, () => second.settle({ inputTokens: 50, outputTokens: 40 }));
  await closeWithReplyLost(lossy, () => second.settle(USAGE));
  expect(await second.settle({ inputTokens: 50, outputTokens: 20 })).toMatchObject({
    found: true,
    tokens: 90,
    overrun: false,
    usageDiffered: true,
  });
  expect(await run()).toMatchObject({ spent: { tokens: 340 }, reserved: { tokens: 0 } });
  // The same usage retried: nothing differed.
  const third = await budget.reserve(CALL);
  await closeWithReplyLost(lossy, () => third.settle(USAGE));
  expect(await third.settle(USAGE)).toMatchObject({
    found: true,
    tokens: 60,
    usageDiffered: false,
  });
  expect(await run()).toMatchObject({ spent: { tokens: 400 }, reserved: { tokens: 0 } });
  // A first attempt that never reached the store, then one done with its reply lost: the
  // retry answers the second's usage, the one booked.
  const fourth = await budget.reserve(CALL);
  lossy.refuseNext();
  await expect(fourth.settle({ inputTokens: 50, outputTokens: 40 })).rejects.toThrow();
  await closeWithReplyLost(lossy, () => fourth.settle(USAGE));
  expect(await fourth.settle({ inputTokens: 50, outputTokens: 20 })).toMatchObject({
    found: true,
    tokens: 60,
    usageDiffered: true,
  });
  expect(await run()).toMatchObject({ spent: { tokens: 460 }, reserved: { tokens: 0 } });
  budget.dispose();
}
