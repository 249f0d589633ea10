import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isLedgerRecord,
  isLedgerRecordData,
  LEDGER_RECORD_TYPES,
  LedgerRecordDataV1,
  type LedgerRecordType,
  LedgerRecordV1,
  safeParseLedgerRecord,
} from '../src/index.js';
import { formatIssues } from '../src/parse/format-issues.js';
import { hostileObject } from './helpers/hostile-object.js';

// The parsers run schemas compiled by z.compile; the exported schemas are the originals,
// which zod runs on its runtime parser. Both must give the same answers and problems.

const seed = Number(process.env.FUZZ_SEED ?? 20261122);
const dir = new URL('./fixtures/ledger-record.v1/valid/', import.meta.url);
const RECORDS: Record<string, unknown>[] = readdirSync(dir).map((name) =>
  JSON.parse(readFileSync(new URL(name, dir), 'utf8')),
);

/** Replaces (or removes) one member at any depth of a JSON document. */
function mutatedAnywhere(doc: unknown) {
  const paths: string[][] = [];
  const walk = (value: unknown, path: string[]) => {
    if (typeof value !== 'object' || value === null) return;
    for (const key of Object.keys(value)) {
      paths.push([...path, key]);
      walk((value as Record<string, unknown>)[key], [...path, key]);
    }
  };
  walk(doc, []);
  return fc
    .tuple(fc.constantFrom(...paths), fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }))
    .map(([path, value]) => {
      const copy = structuredClone(doc) as Record<string, unknown>;
      let parent = copy;
      for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
      const last = path[path.length - 1]!;
      if (value === undefined) delete parent[last];
      else parent[last] = value;
      return copy;
    });
}

describe('compiled ledger record checks', () => {
  it('accept every valid fixture, each type covered', () => {
    const types = new Set(RECORDS.map((r) => r.type));
    expect([...types].sort()).toEqual([...LEDGER_RECORD_TYPES].sort());
    for (const record of RECORDS) {
      expect(isLedgerRecord(record)).toBe(true);
      expect(isLedgerRecordData(record.type as LedgerRecordType, record.data)).toBe(true);
    }
  });

  it('agree with the runtime parser, answers and problems, on changes at any depth', () => {
    let rejected = 0;
    fc.assert(
      fc.property(fc.constantFrom(...RECORDS).chain(mutatedAnywhere), (doc) => {
        const runtime = LedgerRecordV1.safeParse(doc, { reportInput: true });
        if (!runtime.success) rejected++;
        expect(isLedgerRecord(doc)).toBe(runtime.success);
        const compiled = safeParseLedgerRecord(doc);
        expect(compiled.success).toBe(runtime.success);
        if (!compiled.success && !runtime.success) {
          expect(compiled.problems).toEqual(formatIssues(runtime.error.issues));
        }
        const type = (doc as { type: unknown }).type;
        if (typeof type === 'string' && type in LedgerRecordDataV1) {
          const data = (doc as { data?: unknown }).data;
          expect(isLedgerRecordData(type as LedgerRecordType, data)).toBe(
            LedgerRecordDataV1[type as LedgerRecordType].safeParse(data).success,
          );
        }
      }),
      { seed, numRuns: 5_000 },
    );
    expect(rejected).toBeGreaterThan(1_000);
  });

  it('answer false, never throw, for anything else', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(isLedgerRecord(value)).toBe(false);
        expect(isLedgerRecordData('response', value)).toBe(false);
      }),
      { seed, numRuns: 2_000 },
    );
    const hostile = hostileObject();
    expect(isLedgerRecord(hostile)).toBe(false);
    expect(isLedgerRecordData('response', hostile)).toBe(false);
  });

  it('answer false for a type that is not a record type, prototype names included', () => {
    for (const type of [
      'bogus',
      'toString',
      'constructor',
      '__proto__',
      'hasOwnProperty',
      undefined,
    ]) {
      expect(isLedgerRecordData(type as LedgerRecordType, {})).toBe(false);
    }
  });

  it('still work where code generation is forbidden (z.compile falls back to the runtime)', () => {
    const index = new URL('../src/index.ts', import.meta.url).href;
    const fixture = new URL('response.json', dir).pathname;
    const script = `
      const { isLedgerRecord } = await import(${JSON.stringify(index)});
      const { readFileSync } = await import('node:fs');
      const record = JSON.parse(readFileSync(${JSON.stringify(fixture)}, 'utf8'));
      let forbidden = false;
      try { new Function('return 1'); } catch { forbidden = true; }
      console.log(JSON.stringify([forbidden, isLedgerRecord(record), isLedgerRecord({ ...record, seq: -1 })]));`;
    const out = execFileSync(
      process.execPath,
      [
        '--disallow-code-generation-from-strings',
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        script,
      ],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toEqual([true, true, false]);
  });
});
