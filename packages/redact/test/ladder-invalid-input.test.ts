import { isPmError } from '@pm/envelope-schemas';
import { describe, expect, it } from 'vitest';
import {
  buildDisclosure,
  describeEventLog,
  describeTable,
  type Row,
  sampleRows,
} from '../src/index.js';
import { samplesApproval as approval } from './helpers/samples-approval.js';

const roles = { caseId: 'case', activity: 'act', timestamp: 'ts' };
const rows: Row[] = [{ case: 'c1', act: 'Create', ts: '2024-01-01T00:00:00Z' }];
// A column name may be data (a headerless CSV): messages give a role's type, never its name.
const secretColumn = `bob${'@'}example.com`;

// Untyped casts: each call is what a JavaScript host (or a bad JSON config) can pass.
const anyRows = (v: unknown) => v as Row[];
const anyOptions = <T>(v: unknown) => v as T;
type DisclosureOptions = Parameters<typeof buildDisclosure>[1];
type SampleOptions = Parameters<typeof sampleRows>[1];
type LogOptions = Parameters<typeof describeEventLog>[1];

// Each once escaped as a raw TypeError from deep inside, or was accepted and gave a wrong
// answer silently (`roles: 'c'`, `sampleSize: 'x'`, `n: 'x'`).
const cases: Array<[string, () => unknown, RegExp]> = [
  ['describeTable(null)', () => describeTable(anyRows(null)), /^describeTable: rows must be/],
  ['describeTable(undefined)', () => describeTable(anyRows(undefined)), /got nothing/],
  ['describeTable(42)', () => describeTable(anyRows(42)), /rows must be .* got number/],
  ['describeTable("abc")', () => describeTable(anyRows('abc')), /rows must be .* got string/],
  [
    'describeEventLog(rows) without options',
    () => describeEventLog(rows, anyOptions<LogOptions>(undefined)),
    /^describeEventLog: options must be an object naming the columns/,
  ],
  [
    'describeEventLog(null, roles)',
    () => describeEventLog(anyRows(null), roles),
    /^describeEventLog: rows must be/,
  ],
  [
    'describeEventLog with a role missing',
    () => describeEventLog(rows, anyOptions<LogOptions>({ caseId: 'case', activity: 'act' })),
    /options\.timestamp must be a column name \(a string\), got nothing/,
  ],
  [
    'buildDisclosure(rows) without options',
    () => buildDisclosure(rows, anyOptions<DisclosureOptions>(undefined)),
    /^buildDisclosure: options must be an object, got nothing/,
  ],
  // Before: accepted, and the disclosure redacted with the default profile, not `strict`.
  [
    'buildDisclosure with profile misspelt',
    () => buildDisclosure(rows, anyOptions<DisclosureOptions>({ level: 1, profle: 'strict' })),
    /^buildDisclosure: unknown option "profle"; the options are level, roles, approval, profile,/,
  ],
  [
    'buildDisclosure with a token pasted as an option name',
    () =>
      buildDisclosure(rows, anyOptions<DisclosureOptions>({ level: 1, [secretColumn]: 'strict' })),
    /^buildDisclosure: unknown option of 15 characters;/,
  ],
  [
    'sampleRows with profile misspelt',
    () => sampleRows(rows, anyOptions<SampleOptions>({ n: 1, approval, Profile: 'strict' })),
    /^sampleRows: unknown option "Profile"; the options are n, approval, profile,/,
  ],
  [
    'buildDisclosure(undefined, { level: 1 })',
    () => buildDisclosure(anyRows(undefined), { level: 1, profile: 'homebrew' }),
    /^buildDisclosure: rows must be/,
  ],
  [
    'buildDisclosure roles: null',
    () =>
      buildDisclosure(
        rows,
        anyOptions<DisclosureOptions>({ level: 3, roles: null, profile: 'homebrew' }),
      ),
    /roles must be an object naming the columns .* got null/,
  ],
  [
    'buildDisclosure roles: "c"',
    () =>
      buildDisclosure(
        rows,
        anyOptions<DisclosureOptions>({ level: 3, roles: 'c', profile: 'homebrew' }),
      ),
    /roles must be an object .* got string/,
  ],
  [
    'buildDisclosure roles with a number',
    () =>
      buildDisclosure(rows, {
        level: 3,
        roles: anyOptions({ caseId: secretColumn, activity: 7, timestamp: 'ts' }),
        profile: 'homebrew',
      }),
    /roles\.activity must be a column name \(a string\), got number/,
  ],
  [
    'buildDisclosure sampleSize: "x"',
    () =>
      buildDisclosure(
        rows,
        anyOptions<DisclosureOptions>({
          level: 5,
          roles,
          approval,
          profile: 'homebrew',
          sampleSize: 'x',
        }),
      ),
    /sampleSize must be a whole number of 0 or more, got string; leave it out for the default 20/,
  ],
  [
    'buildDisclosure sampleSize: -1',
    () => buildDisclosure(rows, { level: 5, roles, approval, profile: 'homebrew', sampleSize: -1 }),
    /sampleSize must be a whole number of 0 or more, got -1/,
  ],
  [
    'buildDisclosure seed: "x"',
    () =>
      buildDisclosure(
        rows,
        anyOptions<DisclosureOptions>({ level: 1, profile: 'homebrew', seed: 'x' }),
      ),
    /seed must be a whole number, got string/,
  ],
  [
    'sampleRows(rows) without options',
    () => sampleRows(rows, anyOptions<SampleOptions>(undefined)),
    /^sampleRows: options must be an object, got nothing/,
  ],
  [
    'sampleRows(null, { n, approval })',
    () => sampleRows(anyRows(null), { n: 1, approval }),
    /^sampleRows: rows must be/,
  ],
  [
    'sampleRows n: "x"',
    () => sampleRows(rows, anyOptions<SampleOptions>({ n: 'x', approval })),
    /n must be a whole number of 0 or more, got string; pass how many rows to sample/,
  ],
  [
    'sampleRows without n',
    () => sampleRows(rows, anyOptions<SampleOptions>({ approval })),
    /n must be a whole number of 0 or more, got nothing/,
  ],
  ['sampleRows n: 2.5', () => sampleRows(rows, { n: 2.5, approval }), /got 2\.5/],
];

describe('the ladder functions refuse bad arguments with INVALID_ARGUMENT', () => {
  it.each(cases)('%s', (_name, call, message) => {
    let thrown: unknown;
    try {
      call();
    } catch (e) {
      thrown = e;
    }
    expect(thrown, 'should throw').toBeDefined();
    expect(isPmError(thrown) && thrown.code).toBe('INVALID_ARGUMENT');
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).not.toContain(secretColumn);
  });
});

describe('rows that are not objects are counted, not a crash', () => {
  // A JSON-lines stream with a `null` line, a stray number or string.
  const events: Row[] = [
    rows[0]!,
    anyOptions(null),
    { case: 'c1', act: 'Ship', ts: '2024-01-01T01:00:00Z' },
    anyOptions(7),
    anyOptions('a line'),
  ];

  it('describeEventLog counts them in quality.invalidRow', async () => {
    const s = describeEventLog(events, roles);
    expect(s.shape).toMatchObject({ events: 2, cases: 1 });
    expect(s.quality).toEqual({
      missingCaseId: 0,
      missingActivity: 0,
      invalidTimestamp: 0,
      invalidRow: 3,
    });
    async function* stream() {
      yield* events;
    }
    expect((await describeEventLog(stream(), roles)).quality.invalidRow).toBe(3);
  });

  it('describeTable counts them in invalidRows, outside rowCount (a string is not read as columns)', () => {
    const t = describeTable(events);
    expect(t.rowCount).toBe(2);
    expect(t.invalidRows).toBe(3);
    expect(t.columns.map((c) => c.name)).toEqual(['case', 'act', 'ts']);
    expect(t.columns.every((c) => c.missingShare === 0)).toBe(true);
  });

  it('buildDisclosure reports them in shape.invalidRows at every level from 2', () => {
    for (const level of [2, 3, 4] as const) {
      const d = buildDisclosure(events, { level, roles, profile: 'homebrew' });
      expect(d.shape).toMatchObject({ rows: 2, invalidRows: 3 });
    }
    const l5 = buildDisclosure(events, { level: 5, roles, approval, profile: 'homebrew' });
    expect(l5.shape?.invalidRows).toBe(3);
  });
});
