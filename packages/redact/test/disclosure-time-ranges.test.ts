import { describe, expect, it } from 'vitest';
import { buildDisclosure, describeEventLog, describeTable } from '../src/index.js';

// The first and the last event of a log are one person's each: level 2 (spec 000 §5,
// "dataset shape and time range") says over which days the data runs, not when to the
// millisecond its first and last rows were written.
const rows = [
  { case: 'c1', act: 'Open', at: '2024-03-01T09:17:42.123Z', signup: '1984-03-09' },
  { case: 'c1', act: 'Close', at: '2024-03-03T12:00:00Z' },
  { case: 'c2', act: 'Open', at: '2024-03-05T23:59:59.999Z', signup: '1991-11-23' },
];
const roles = { caseId: 'case', activity: 'act', timestamp: 'at' };

describe('time ranges leave the process by the day', () => {
  it('level 2 gives the first and last UTC day of each date column, not the instants', () => {
    const d = buildDisclosure(rows, { level: 2, profile: 'strict' });
    expect(d.shape?.timeRanges).toEqual({
      at: { start: '2024-03-01', end: '2024-03-05' },
      signup: { start: '1984-03-09', end: '1991-11-23' },
    });
    expect(JSON.stringify(d)).not.toMatch(/T\d\d:\d\d/);
  });

  it("an event log's range is given by the day at every level", () => {
    for (const level of [2, 3, 4] as const) {
      const d = buildDisclosure(rows, { level, profile: 'strict', roles });
      expect(d.shape?.eventLog?.timeRange).toEqual({ start: '2024-03-01', end: '2024-03-05' });
      expect(JSON.stringify(d.shape)).not.toMatch(/T\d\d:\d\d/);
    }
  });

  it('a year beyond 9999 keeps its whole date', () => {
    const d = buildDisclosure([{ at: new Date(8.64e15) }, { at: new Date(-8.64e15) }], {
      level: 2,
      profile: 'strict',
    });
    expect(d.shape?.timeRanges.at).toEqual({ start: '-271821-04-20', end: '+275760-09-13' });
  });

  it('describeTable and describeEventLog, which stay in the process, keep the instants', () => {
    expect(describeTable(rows).timeRanges.at).toEqual({
      start: '2024-03-01T09:17:42.123Z',
      end: '2024-03-05T23:59:59.999Z',
    });
    expect(describeEventLog(rows, roles).timeRange?.start).toBe('2024-03-01T09:17:42.123Z');
  });
});
