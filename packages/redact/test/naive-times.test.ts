import { afterEach, describe, expect, it } from 'vitest';
import { describeEventLog } from '../src/index.js';

const savedTz = process.env.TZ;
afterEach(() => {
  // Node re-reads TZ when it is assigned; deleting restores the machine's zone.
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

const roles = { caseId: 'case', activity: 'act', timestamp: 'at' };
const rows = [
  { case: 'C1', act: 'Register', at: '2024-01-31 10:00:00' },
  { case: 'C1', act: 'Approve', at: '2024-01-31T22:30' },
];

describe('a date-time without an offset is read as UTC, whatever zone the machine is in', () => {
  it.each(['UTC', 'America/New_York', 'Asia/Kolkata'])('TZ=%s gives the same range', (zone) => {
    process.env.TZ = zone;
    const summary = describeEventLog(rows, roles);
    expect(summary.timeRange).toEqual({
      start: '2024-01-31T10:00:00.000Z',
      end: '2024-01-31T22:30:00.000Z',
    });
  });

  it('an offset given is kept', () => {
    process.env.TZ = 'America/New_York';
    const summary = describeEventLog(
      [{ case: 'C1', act: 'Register', at: '2024-01-31T10:00:00+01:00' }],
      roles,
    );
    expect(summary.timeRange?.start).toBe('2024-01-31T09:00:00.000Z');
  });
});
