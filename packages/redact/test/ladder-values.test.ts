import { describe, expect, it } from 'vitest';
import { describeEventLog, describeTable } from '../src/index.js';

const roles = { caseId: 'c', activity: 'a', timestamp: 't' };

describe('ladder aggregates over awkward values', () => {
  it('describeTable counts objects JSON cannot write instead of throwing', () => {
    const cyclic: Record<string, unknown> = { x: 1 };
    cyclic.self = cyclic;
    const rows = [
      { a: { n: 1n } },
      { a: { n: 1 } },
      { a: cyclic },
      {
        a: {
          toJSON() {
            throw new Error('boom');
          },
        },
      },
    ];
    const d = describeTable(rows);
    expect(d.columns[0]).toMatchObject({ name: 'a', type: 'object', distinctCount: 3 });
  });

  it('a date string naming no real day is left out of the range (it ended on a day no row held)', () => {
    const d = describeTable([
      { d: '2024-01-10' },
      { d: '2024-02-30' },
      { d: '2024-01-31T10:00:00+25:00' },
    ]);
    expect(d.timeRanges.d).toEqual({
      start: '2024-01-10T00:00:00.000Z',
      end: '2024-01-10T00:00:00.000Z',
    });
    expect(d.columns[0]?.type).toBe('date');
    expect(
      describeTable([{ d: '2024-02-29' }, { d: '2024-01-31T24:00:00Z' }]).timeRanges.d,
    ).toEqual({
      start: '2024-02-01T00:00:00.000Z',
      end: '2024-02-29T00:00:00.000Z',
    });
  });

  it('describeEventLog counts times a Date cannot hold instead of throwing a RangeError', () => {
    const s = describeEventLog(
      [
        { c: 1, a: 'x', t: 1e20 },
        { c: 1, a: 'y', t: 0 },
        { c: 2, a: 'x', t: Number.POSITIVE_INFINITY },
        { c: 2, a: 'y', t: 1000 },
      ],
      roles,
    );
    expect(s.quality.invalidTimestamp).toBe(2);
    expect(s.timeRange).toEqual({
      start: '1970-01-01T00:00:00.000Z',
      end: '1970-01-01T00:00:01.000Z',
    });
  });

  it('describeEventLog reads only ISO 8601 strings with real days (Date.parse took "5" for 2001)', () => {
    const s = describeEventLog(
      [
        { c: 1, a: 'x', t: '5' },
        { c: 1, a: 'y', t: '2024-02-30T10:00:00Z' },
        { c: 1, a: 'z', t: '2024-03-01T10:00:00Z' },
      ],
      roles,
    );
    expect(s.quality.invalidTimestamp).toBe(2);
    expect(s.timeRange).toEqual({
      start: '2024-03-01T10:00:00.000Z',
      end: '2024-03-01T10:00:00.000Z',
    });
  });
});

describe('case ids that are objects', () => {
  it('are told apart by their content, not all read as "[object Object]"', () => {
    const s = describeEventLog(
      [
        { c: { order: 1, line: 1 }, a: 'x', t: 1 },
        { c: { order: 1, line: 2 }, a: 'x', t: 2 },
        { c: { order: 1, line: 2 }, a: 'y', t: 3 },
      ],
      roles,
    );
    expect(s.shape).toMatchObject({ events: 3, cases: 2, variants: 2 });
  });
});
