import { describe, expect, it } from 'vitest';
import { approves, parseApprovalDecision } from '../src/index.js';

const base = parseApprovalDecision({
  schema_version: '1',
  approver: 'alice@example.com',
  decision: 'approve',
  scope: ['samples'],
  reason: 'explain rework',
  decided_at: '2026-11-22T09:00:00Z',
});

describe('approves', () => {
  it('approves only the scopes it lists', () => {
    expect(approves(base, 'samples')).toBe(true);
    expect(approves(base, 'call')).toBe(false);
  });

  it('a deny approves nothing', () => {
    expect(approves({ ...base, decision: 'deny' }, 'samples')).toBe(false);
  });

  it('respects run, stage and expiry limits', () => {
    const limited = {
      ...base,
      run_id: 'run-1',
      stage: 'draft',
      expires_at: '2026-11-22T10:00:00Z',
    };
    const at = new Date('2026-11-22T09:30:00Z');
    expect(approves(limited, 'samples', { runId: 'run-1', stage: 'draft', at })).toBe(true);
    expect(approves(limited, 'samples', { runId: 'run-2', stage: 'draft', at })).toBe(false);
    expect(approves(limited, 'samples', { runId: 'run-1', stage: 'other', at })).toBe(false);
    const late = new Date('2026-11-22T10:00:00Z');
    expect(approves(limited, 'samples', { runId: 'run-1', stage: 'draft', at: late })).toBe(false);
  });

  it('counts from decided_at: not before it (beyond 5 minutes of clock skew), never when it expires first', () => {
    const decided = Date.parse(base.decided_at);
    const minutes = (n: number) => new Date(decided + n * 60_000);
    expect(approves(base, 'samples', { at: minutes(-4) })).toBe(true); // an approver's clock ahead
    expect(approves(base, 'samples', { at: minutes(-6) })).toBe(false); // not yet decided
    const expiresFirst = { ...base, expires_at: '2026-11-22T08:00:00Z' };
    expect(approves(expiresFirst, 'samples', { at: minutes(-90) })).toBe(false);
    expect(approves(expiresFirst, 'samples', { at: minutes(1) })).toBe(false);
    const expiresAtOnce = { ...base, expires_at: base.decided_at };
    expect(approves(expiresAtOnce, 'samples', { at: minutes(-1) })).toBe(false);
  });
});
