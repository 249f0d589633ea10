import { describe, expect, it } from 'vitest';
import { ClosedReservations } from '../src/budget/closed-reservations.js';

describe('ClosedReservations', () => {
  it('remembers the last `max` closes, never more than twice that', () => {
    const closed = new ClosedReservations<number>(100, 1000);
    for (let i = 0; i < 1000; i++) {
      closed.remember(`r${i}`, i, 0);
      const remembered = Array.from({ length: i + 1 }, (_, j) => closed.get(`r${j}`, 0)).filter(
        (v) => v !== undefined,
      ).length;
      expect(remembered).toBeGreaterThanOrEqual(Math.min(i + 1, 100));
      expect(remembered).toBeLessThanOrEqual(200);
    }
    expect(closed.get('r999', 0)).toBe(999);
    expect(closed.get('r0', 0)).toBeUndefined();
  });

  it('forgets a close keepMs after the last close remembered with it, and on forget()', () => {
    const closed = new ClosedReservations<string>(100, 1000);
    closed.remember('a', 'settled', 0);
    closed.remember('b', 'released', 500);
    closed.remember('a', 'settled again', 600); // the newer answer wins
    expect(closed.get('a', 1599)).toBe('settled again');
    expect(closed.get('b', 1599)).toBe('released');
    expect(closed.get('b', 1600)).toBeUndefined();
    closed.remember('c', 'x', 2000);
    closed.forget('c');
    expect(closed.get('c', 2000)).toBeUndefined();
  });
});
