import { describe, expect, it } from 'vitest';
import { buildDisclosure, type Row, sampleRows } from '../src/index.js';
import { samplesApproval } from './helpers/samples-approval.js';

// A JSON-lines file's `null` lines are skipped by every other ladder function; sampled,
// they took the places of real rows.
const rows = [null, { a: 1 }, 'text', { a: 2 }, 7] as unknown as Row[];

describe('samples are drawn from rows that are objects', () => {
  it('sampleRows skips non-objects but counts them as read', () => {
    const out = sampleRows(rows, { n: 5, approval: samplesApproval });
    expect(out.rows).toEqual([{ a: 1 }, { a: 2 }]);
    expect(out.rowsSeen).toBe(5);
  });

  it('buildDisclosure level 5 samples only rows', () => {
    const d = buildDisclosure(rows, {
      level: 5,
      profile: 'homebrew',
      approval: samplesApproval,
      roles: { caseId: 'c', activity: 'a', timestamp: 't' },
    });
    expect(d.samples).toEqual([{ a: 1 }, { a: 2 }]);
    expect(d.shape?.invalidRows).toBe(3);
  });
});
