import { describe, expect, it } from 'vitest';
import { isPmError, parseRunWindow, RUN_WINDOW_PATTERN, runWindowState } from '../src/index.js';

describe('run-window grammar', () => {
  it.each([
    'weekday:09:00-18:00',
    'weekend:10:00-16:00',
    'daily:00:00-24:00',
    'mon:09:00-10:00',
    'mon,wed:08:00-12:00',
    'mon-fri:22:00-06:00',
    'mon-wed,fri:07:30-19:45',
    'fri-mon:00:00-12:30',
  ])('accepts %s', (text) => {
    expect(RUN_WINDOW_PATTERN.test(text)).toBe(true);
    expect(parseRunWindow(text)).toBeDefined();
  });

  it.each([
    'weekday:25:00-18:00',
    'weekday:09:60-18:00',
    'weekday:9:00-18:00',
    'weekday:09:00-24:01',
    'daily:24:00-06:00',
    'daily:09:00-09:00',
    'workday:09:00-18:00',
    'Mon:09:00-18:00',
    'mon,:09:00-18:00',
    'mon--fri:09:00-18:00',
    'weekday 09:00-18:00',
    'weekday:09:00-18:00 ',
    '',
  ])('rejects %j', (text) => {
    expect(RUN_WINDOW_PATTERN.test(text)).toBe(false);
    expect(parseRunWindow(text)).toBeUndefined();
  });

  it('expands named days, ranges (wrapping) and lists', () => {
    expect([...parseRunWindow('weekday:09:00-18:00')!.days].sort()).toEqual([1, 2, 3, 4, 5]);
    expect([...parseRunWindow('weekend:09:00-18:00')!.days].sort()).toEqual([0, 6]);
    expect([...parseRunWindow('fri-mon:09:00-18:00')!.days].sort()).toEqual([0, 1, 5, 6]);
    expect([...parseRunWindow('mon,wed-thu:09:00-18:00')!.days].sort()).toEqual([1, 3, 4]);
    const w = parseRunWindow('daily:22:30-24:00')!;
    expect([w.startMinute, w.endMinute]).toEqual([22 * 60 + 30, 1440]);
  });
});

describe('runWindowState', () => {
  // 2026-11-23 is a Monday.
  const at = (iso: string) => new Date(iso);

  it('is open inside a window and closed outside, end exclusive', () => {
    const windows = ['weekday:09:00-18:00'];
    expect(runWindowState(windows, at('2026-11-23T09:00:00Z')).open).toBe(true);
    expect(runWindowState(windows, at('2026-11-23T17:59:59Z')).open).toBe(true);
    const closed = runWindowState(windows, at('2026-11-23T18:00:00Z'));
    expect(closed).toEqual({ open: false, nextOpening: at('2026-11-24T09:00:00Z') });
  });

  it('names the next opening across a weekend', () => {
    const state = runWindowState(['weekday:09:00-18:00'], at('2026-11-28T12:00:00Z')); // Saturday
    expect(state.nextOpening).toEqual(at('2026-11-30T09:00:00Z'));
  });

  it('handles overnight windows: the morning belongs to the previous day', () => {
    const windows = ['fri:22:00-06:00'];
    expect(runWindowState(windows, at('2026-11-27T23:00:00Z')).open).toBe(true); // Fri night
    expect(runWindowState(windows, at('2026-11-28T05:59:00Z')).open).toBe(true); // Sat morning
    expect(runWindowState(windows, at('2026-11-28T06:00:00Z')).open).toBe(false);
    expect(runWindowState(windows, at('2026-11-27T05:00:00Z')).open).toBe(false); // Fri morning
  });

  it('reads windows in the policy time zone, across a DST change', () => {
    // 09:00 in New York is 14:00Z in winter (EST) and 13:00Z in summer (EDT).
    const windows = ['weekday:09:00-10:00'];
    expect(runWindowState(windows, at('2026-11-23T14:30:00Z'), 'America/New_York').open).toBe(true);
    expect(runWindowState(windows, at('2026-07-06T13:30:00Z'), 'America/New_York').open).toBe(true);
    // Friday 2026-03-06 after hours; clocks go forward on Sunday 2026-03-08.
    const state = runWindowState(windows, at('2026-03-06T20:00:00Z'), 'America/New_York');
    expect(state.nextOpening).toEqual(at('2026-03-09T13:00:00Z'));
  });

  it('never names an opening inside the hour a DST change skips', () => {
    // New York skips 02:00-03:00 on 2026-03-08 (07:00Z: 02:00 EST becomes 03:00 EDT).
    const ny = 'America/New_York';
    // 02:30-03:00 does not exist that day: the next opening is 02:30 EDT on the 9th.
    const skipped = runWindowState(['daily:02:30-03:00'], at('2026-03-08T05:00:00Z'), ny);
    expect(skipped.nextOpening).toEqual(at('2026-03-09T06:30:00Z'));
    // 02:00-04:00 opens when the clocks jump to 03:00 EDT.
    const shortened = runWindowState(['daily:02:00-04:00'], at('2026-03-08T05:00:00Z'), ny);
    expect(shortened.nextOpening).toEqual(at('2026-03-08T07:00:00Z'));
    // London skips 01:00-02:00 on 2026-03-29.
    const london = runWindowState(
      ['daily:01:30-02:00'],
      at('2026-03-29T00:10:00Z'),
      'Europe/London',
    );
    expect(london.nextOpening).toEqual(at('2026-03-30T00:30:00Z'));
    for (const state of [skipped, shortened, london]) {
      const zone = state === london ? 'Europe/London' : ny;
      const windows =
        state === skipped
          ? ['daily:02:30-03:00']
          : state === shortened
            ? ['daily:02:00-04:00']
            : ['daily:01:30-02:00'];
      expect(runWindowState(windows, state.nextOpening, zone).open).toBe(true);
    }
  });

  it('treats daily:00:00-24:00 as always open', () => {
    for (let h = 0; h < 24; h++) {
      const iso = `2026-11-22T${String(h).padStart(2, '0')}:17:00Z`;
      expect(runWindowState(['daily:00:00-24:00'], at(iso), 'Asia/Kolkata').open).toBe(true);
    }
  });

  it.each([
    ['an unknown time zone', () => runWindowState(['daily:09:00-10:00'], new Date(), 'Mars/Base')],
    ['an invalid Date', () => runWindowState(['daily:09:00-10:00'], new Date(Number.NaN))],
  ])('refuses %s with a PmError (INVALID_ARGUMENT), not a RangeError', (_, call) => {
    let thrown: unknown;
    try {
      call();
    } catch (error) {
      thrown = error;
    }
    expect(isPmError(thrown)).toBe(true);
    expect((thrown as { code: string }).code).toBe('INVALID_ARGUMENT');
    expect((thrown as Error).message).toMatch(/runWindowState/);
    expect((thrown as Error).message).not.toContain('Mars');
  });
});
