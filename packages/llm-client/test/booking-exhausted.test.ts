import { describe, expect, it } from 'vitest';
import { bookingExhausted } from '../src/client/booking-exhausted.js';

describe('bookingExhausted', () => {
  it('knows the exhausted alerts of the booking being settled, by scope and counter', () => {
    const exhausted = bookingExhausted();
    exhausted.note('run:r1', 'usd');
    expect(exhausted.fired('run:r1', 'usd')).toBe(true);
    expect(exhausted.fired('run:r1', 'tokens')).toBe(false);
    expect(exhausted.fired('day:2026-12-07', 'usd')).toBe(false);
  });

  it('forgets them at the next microtask: a later booking passing the cap fires no tier alert', async () => {
    const exhausted = bookingExhausted();
    exhausted.note('run:r1', 'usd');
    await Promise.resolve();
    expect(exhausted.fired('run:r1', 'usd')).toBe(false);
    exhausted.note('run:r1', 'tokens');
    expect(exhausted.fired('run:r1', 'tokens')).toBe(true);
  });
});
