import { isPmError } from '@pm/envelope-schemas';
import { describe, expect, it } from 'vitest';
import {
  ApprovalRequiredError,
  buildDisclosure,
  createRedactor,
  describeEventLog,
  describeTable,
  type Row,
  sampleRows,
} from '../src/index.js';
import { samplesApproval as approval } from './helpers/samples-approval.js';

const roles = { caseId: 'case', activity: 'activity', timestamp: 'ts' };
const HOUR = 3_600_000;
const T0 = Date.parse('2024-03-01T00:00:00Z');

/** Case c: Create → (Check, every third case) → Ship, one hour apart; case c starts c hours after T0. */
function eventLog(cases: number): Row[] {
  const rows: Row[] = [];
  for (let c = 0; c < cases; c++) {
    const acts = c % 3 === 0 ? ['Create', 'Check', 'Ship'] : ['Create', 'Ship'];
    acts.forEach((a, i) => {
      rows.push({
        case: `C${c}`,
        activity: a,
        ts: new Date(T0 + c * HOUR + i * HOUR).toISOString(),
        email: `u${c}@example.com`,
      });
    });
  }
  return rows;
}

async function* stream(rows: Row[]): AsyncIterable<Row> {
  for (const r of rows) yield r;
}

describe('describeTable (level 1-2)', () => {
  const rows: Row[] = [
    { id: 1, name: 'a', amount: '1.5', when: '2024-01-02', flag: true },
    { id: 2, name: '', amount: '2', when: '2024-03-04T10:00:00Z', flag: false },
    { id: 3, name: 'a', amount: null, when: '2023-12-31', extra: { x: 1 } },
  ];

  it('reports columns, types, missing share and distinct counts, never values', () => {
    const d = describeTable(rows);
    expect(d.rowCount).toBe(3);
    expect(d.columns.map((c) => [c.name, c.type])).toEqual([
      ['id', 'integer'],
      ['name', 'string'],
      ['amount', 'number'],
      ['when', 'date'],
      ['flag', 'boolean'],
      ['extra', 'object'],
    ]);
    const name = d.columns.find((c) => c.name === 'name')!;
    expect(name.missingShare).toBeCloseTo(1 / 3);
    expect(name.distinctCount).toBe(1);
    expect(d.columns.find((c) => c.name === 'flag')!.missingShare).toBeCloseTo(1 / 3);
    expect(d.timeRanges.when).toEqual({
      start: '2023-12-31T00:00:00.000Z',
      end: '2024-03-04T10:00:00.000Z',
    });
    expect(JSON.stringify(d)).not.toMatch(/"a"/);
  });

  it('gives the same result from an async iterable', async () => {
    expect(await describeTable(stream(rows))).toEqual(describeTable(rows));
  });
});

describe('describeEventLog (level 2-4)', () => {
  it('computes shape, time range, activity and variant frequencies and performance', () => {
    const s = describeEventLog(eventLog(30), { ...roles, topN: 1 });
    expect(s.shape).toEqual({ events: 70, cases: 30, activities: 3, variants: 2 });
    expect(s.timeRange).toEqual({
      start: new Date(T0).toISOString(),
      end: new Date(T0 + 30 * HOUR).toISOString(),
    });
    expect(s.activities.top).toEqual([{ value: 'Create', count: 30, share: 30 / 70 }]);
    expect(s.activities.rest).toEqual({ distinct: 2, count: 40, share: 40 / 70 });
    expect(s.variants.top[0]).toEqual({ value: ['Create', 'Ship'], count: 20, share: 20 / 30 });
    expect(s.variants.rest).toEqual({ distinct: 1, count: 10, share: 10 / 30 });
    // Durations: 20 cases of 1 h, 10 of 2 h.
    expect(s.performance.caseDurationMs.median).toBe(HOUR);
    expect(s.performance.caseDurationMs.p95).toBe(2 * HOUR);
    expect(s.performance.days).toBeCloseTo(30 / 24);
    expect(s.performance.throughputPerDay.cases).toBeCloseTo(30 / (30 / 24));
    expect(JSON.stringify(s)).not.toMatch(/C1|example\.com/);
  });

  it('orders each case by time, whatever the arrival order', () => {
    const rows = eventLog(3).reverse();
    const s = describeEventLog(rows, roles);
    expect(s.variants.top.map((v) => v.value)).toEqual([
      ['Create', 'Ship'],
      ['Create', 'Check', 'Ship'],
    ]);
  });

  it('streams an async iterable in one pass without holding rows, and counts bad rows', async () => {
    let produced = 0;
    async function* gen(): AsyncIterable<Row> {
      for (let i = 0; i < 20_000; i++) {
        produced++;
        yield { case: `K${i % 1000}`, activity: `A${i % 7}`, ts: T0 + i * 1000 };
      }
      yield { case: '', activity: 'A', ts: T0 };
      yield { case: 'K1', activity: 'A1', ts: 'not a date' };
    }
    const s = await describeEventLog(gen(), roles);
    expect(produced).toBe(20_000);
    expect(s.shape.events).toBe(20_001);
    expect(s.shape.cases).toBe(1000);
    expect(s.quality).toEqual({
      missingCaseId: 1,
      missingActivity: 0,
      invalidTimestamp: 1,
      invalidRow: 0,
    });
  });
});

describe('sampleRows (level 5)', () => {
  it('throws ApprovalRequiredError without an approval of the samples scope', () => {
    const rows = eventLog(5);
    for (const bad of [
      undefined,
      { ...approval, decision: 'deny' },
      { ...approval, scope: ['call'] },
      { ...approval, expires_at: '2020-01-01T00:00:00Z' },
    ]) {
      try {
        sampleRows(rows, { n: 2, approval: bad });
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(ApprovalRequiredError);
        expect(isPmError(e) && e.code).toBe('APPROVAL_REQUIRED');
      }
    }
    expect(() => sampleRows(rows, { n: 2, approval: { decision: 'approve' } })).toThrow(
      /ApprovalDecisionV1/,
    );
  });

  it('checks the approval before reading any row', () => {
    let read = 0;
    const rows = {
      *[Symbol.iterator]() {
        read++;
        yield { a: 1 };
      },
    };
    expect(() => sampleRows(rows, { n: 1, approval: undefined })).toThrow(ApprovalRequiredError);
    expect(read).toBe(0);
  });

  it('samples n rows uniformly, reproducibly, redacted by the profile', async () => {
    const rows = eventLog(50);
    const a = sampleRows(rows, { n: 5, approval, seed: 3 });
    const b = await sampleRows(stream(rows), { n: 5, approval, seed: 3 });
    expect(a.rows).toHaveLength(5);
    expect(a.rowsSeen).toBe(rows.length);
    expect(b.rows).toEqual(a.rows);
    expect(a.profile).toBe('homebrew@1');
    expect(a.approvedBy).toBe('data-owner@example.com');
    expect(JSON.stringify(a.rows)).not.toContain('@example.com');
    expect(a.counts.email).toBe(5);
  });
});

describe('buildDisclosure', () => {
  const rows = eventLog(12);

  it('returns only what each level allows', () => {
    const l1 = buildDisclosure(rows, { level: 1, profile: 'homebrew' });
    expect(Object.keys(l1).sort()).toEqual(['level', 'profile', 'redactions', 'schema']);
    const l2 = buildDisclosure(rows, { level: 2, roles, profile: 'homebrew' });
    expect(l2.shape?.eventLog).toMatchObject({ events: 28, cases: 12 });
    expect(l2.frequencies).toBeUndefined();
    const l4 = buildDisclosure(rows, { level: 4, roles, profile: 'strict' });
    expect(l4.frequencies?.activities.top[0]?.value).toBe('Create');
    expect(l4.performance?.caseDurationMs.median).toBe(HOUR);
    expect(l4.samples).toBeUndefined();
    expect(l4.profile).toBe('strict@1');
    expect(JSON.stringify(l4)).not.toMatch(/C1|u1@/);
  });

  it('needs roles from level 3 and an approval at level 5', () => {
    expect(() => buildDisclosure(rows, { level: 3, profile: 'homebrew' })).toThrow(/roles/);
    expect(() => buildDisclosure(rows, { level: 5, roles, profile: 'homebrew' })).toThrow(
      ApprovalRequiredError,
    );
    const l5 = buildDisclosure(rows, {
      level: 5,
      roles,
      profile: 'homebrew',
      approval,
      sampleSize: 3,
    });
    expect(l5.samples).toHaveLength(3);
    expect(l5.redactions.email).toBe(3);
  });

  it('redacts activity names by the profile and reuses a given redactor', async () => {
    const log: Row[] = [
      { case: '1', activity: 'Email bob@example.com', ts: T0 },
      { case: '1', activity: 'Close', ts: T0 + 1 },
    ];
    const redactor = createRedactor({ profile: 'hashed-retail', hashKey: '0123456789abcdef0123' });
    const d = await buildDisclosure(stream(log), { level: 3, roles, profile: redactor });
    expect(d.frequencies?.activities.top.map((e) => e.value)).toEqual([
      expect.stringMatching(/^Email EMAIL_[0-9a-f]{16}$/),
      'Close',
    ]);
    expect(d.redactions).toEqual({ email: 2 });
    expect(d.profile).toBe('hashed-retail@1');
  });
});
