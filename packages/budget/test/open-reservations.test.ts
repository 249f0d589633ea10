import { describe, expect, it } from 'vitest';
import { type OpenReservation, pruneOpen } from '../src/redis/open-reservations.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function record(expiresAt: number, extra: Partial<OpenReservation> = {}): OpenReservation {
  return {
    epoch: 'e',
    scopes: [],
    amount: { tokens: 1, microUsd: 1, requests: 1 },
    expiresAt,
    forgetAt: expiresAt + DAY,
    ...extra,
  };
}

describe("the Redis store's records of its reservations", () => {
  it('keeps a never-closed reservation a day past its TTL, and only the last to expire of very many', () => {
    const now = 10 * DAY;
    const open = new Map<string, OpenReservation>();
    open.set('past-its-day', record(now - DAY - 1));
    open.set('live', record(now + 60_000));
    open.set('within-the-hour', record(now - HOUR + 1));
    // A close of it went unanswered: kept its own day, whatever the count.
    open.set('unanswered', record(now - 2 * HOUR, { firstUnanswered: 'settle' }));
    for (let i = 0; i < 25; i++) open.set(`late-${i}`, record(now - 2 * HOUR - (25 - i)));
    pruneOpen(open, now, 10);
    const late = [...open.keys()].filter((id) => id.startsWith('late-'));
    // 25 late records, over twice 10: the 10 that expire last stay.
    expect(late).toEqual(Array.from({ length: 10 }, (_, i) => `late-${15 + i}`));
    expect(open.has('past-its-day')).toBe(false);
    expect([...open.keys()].filter((id) => !id.startsWith('late-'))).toEqual([
      'live',
      'within-the-hour',
      'unanswered',
    ]);
    // At most twice `keep` past the hour: nothing more is dropped.
    for (let i = 0; i < 10; i++) open.set(`more-${i}`, record(now - 2 * HOUR));
    pruneOpen(open, now, 10);
    expect(open.size).toBe(23);
  });
});
