import { describe, it } from 'vitest';
import { memoryStore } from '../src/index.js';
import {
  expectLateSettleRetrySameReply,
  expectReleaseAfterLostSettleSaysSettled,
  expectSettleAfterLostLateReleaseBooksExcess,
  expectSettleLongAfterLostReleaseBooks,
  expectSettleRetryAfterLostReleaseAnswersBooked,
  expectSettleRetryWithOtherUsageAnswersBooked,
  type LossyStore,
  lossyWrapper,
} from './lost-replies.js';

/** A memory store on a clock the test moves, losing the replies it is told to. */
function lossyMemory(): LossyStore & { advance(ms: number): void } {
  let now = Date.parse('2026-11-22T12:00:00Z');
  const inner = memoryStore({ clock: () => now });
  const lossy = lossyWrapper(inner);
  const advance = (ms: number) => {
    now += ms;
  };
  return {
    ...lossy,
    advance,
    forget: async () => {
      // Two hours, with other closes in between (they used to push older ones out).
      advance(7_200_000);
      for (let i = 0; i < 3; i++) {
        await inner.reserve({
          id: `other-${i}`,
          scopes: [],
          amount: { tokens: 0, microUsd: 0, requests: 0 },
          ttlMs: 1000,
          thresholds: [],
        });
        await inner.release(`other-${i}`);
      }
    },
  };
}

describe('memory store: closes whose reply was lost', () => {
  it('a release after a settle whose reply was lost says settled, and books nothing more', async () => {
    await expectReleaseAfterLostSettleSaysSettled(lossyMemory());
  });

  it('a settle two hours after a release whose reply was lost books the actual, once', async () => {
    await expectSettleLongAfterLostReleaseBooks(lossyMemory());
  });

  it('a late settle retried after its reply was lost answers what the first attempt booked', async () => {
    const lossy = lossyMemory();
    await expectLateSettleRetrySameReply(lossy, async () => lossy.advance(50));
  });
  it('a settle after a late release whose reply was lost books what its actual exceeds the worst case by', async () => {
    const lossy = lossyMemory();
    await expectSettleAfterLostLateReleaseBooksExcess(lossy, async () => lossy.advance(50));
  });
  it('a settle after a lost release, retried with another usage, answers what the first attempt booked', async () => {
    await expectSettleRetryAfterLostReleaseAnswersBooked(lossyMemory());
  });
  it('a settle retried with another usage after its reply was lost answers what the first attempt booked', async () => {
    await expectSettleRetryWithOtherUsageAnswersBooked(lossyMemory());
  });
});
