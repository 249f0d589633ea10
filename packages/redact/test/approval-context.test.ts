import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { buildDisclosure, sampleRows } from '../src/index.js';
import { samplesApproval } from './helpers/samples-approval.js';

const rows = [{ a: 1 }];
const expiring = { ...samplesApproval, expires_at: '2999-01-01T00:00:00Z' };

describe('the approval context (runId, stage, at) is checked before it is trusted', () => {
  it('an `at` that is not a valid Date is INVALID_ARGUMENT, not a TypeError', () => {
    for (const at of ['2999-06-01', 0, new Date('x')]) {
      expect(() => sampleRows(rows, { n: 1, approval: expiring, at: at as Date })).toThrow(
        expect.objectContaining({
          code: 'INVALID_ARGUMENT',
          message: expect.stringContaining('sampleRows: at'),
        }),
      );
      expect(() =>
        buildDisclosure(rows, {
          level: 1,
          profile: 'homebrew',
          approval: expiring,
          at: at as Date,
        }),
      ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
  });

  it('a runId or stage that is not a string is INVALID_ARGUMENT, not "names another run"', () => {
    const approval = { ...samplesApproval, run_id: '5' };
    expect(() => sampleRows(rows, { n: 1, approval, runId: 5 as unknown as string })).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('sampleRows: runId'),
      }),
    );
    expect(() => sampleRows(rows, { n: 1, approval, stage: {} as string })).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringContaining('sampleRows: stage'),
      }),
    );
  });

  it('a valid context still decides', () => {
    const foreign = runInNewContext("new Date('2998-01-01T00:00:00Z')") as Date;
    expect(sampleRows(rows, { n: 1, approval: expiring, at: foreign }).rows).toHaveLength(1);
    const at = new Date('2998-01-01T00:00:00Z');
    expect(
      sampleRows(rows, { n: 1, approval: { ...expiring, run_id: 'r1' }, runId: 'r1', at }).rows,
    ).toHaveLength(1);
    expect(() =>
      sampleRows(rows, { n: 1, approval: expiring, at: new Date('2999-06-01T00:00:00Z') }),
    ).toThrow(expect.objectContaining({ code: 'APPROVAL_REQUIRED' }));
  });
});
