import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countTokens } from '@pm/budget';
import {
  isPmError,
  runWindowState,
  safeParseApprovalDecision,
  safeParseAutomationPolicy,
  safeParseLedgerRecord,
  safeParseRequestEnvelope,
} from '@pm/envelope-schemas';
import { openLedger, verifyLedger } from '@pm/ledger';
import { createRedactor } from '@pm/redact';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';

const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);
const RUNS = 10_000;
// A hang detector, not a speed target: no single case may take this long.
const CASE_LIMIT_MS = 2_000;
const root = mkdtempSync(join(tmpdir(), 'pm-fuzz-'));
const figures: string[] = [];
afterAll(() => {
  console.log(
    `bad input: fast-check seed ${seed} (rerun with FUZZ_SEED=${seed})\n${figures.join('\n')}`,
  );
  rmSync(root, { recursive: true, force: true });
});

/** Runs `check` on every case, counting typed refusals and the slowest case. */
function fuzz<T>(
  name: string,
  arbitrary: fc.Arbitrary<T>,
  check: (value: T) => 'ok' | 'refused',
  runs = RUNS,
) {
  let refused = 0;
  let slowest = 0;
  fc.assert(
    fc.property(arbitrary, (value) => {
      const start = performance.now();
      if (check(value) === 'refused') refused++;
      const took = performance.now() - start;
      slowest = Math.max(slowest, took);
      expect(took).toBeLessThan(CASE_LIMIT_MS);
    }),
    { seed, numRuns: runs },
  );
  figures.push(
    `  ${name}: ${runs} cases, ${refused} refused with a typed error, 0 untyped failures, slowest ${slowest.toFixed(1)} ms`,
  );
}

/** Calls `fn`; a throw must be a PmError with a message. */
function typed(fn: () => unknown): 'ok' | 'refused' {
  try {
    fn();
    return 'ok';
  } catch (error) {
    expect(isPmError(error), String(error)).toBe(true);
    expect((error as Error).message.length).toBeGreaterThan(10);
    return 'refused';
  }
}

// Strings with lone surrogates, controls and long runs, which break naive scanners.
const nastyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc
    .array(
      fc.constantFrom(
        '\uD800',
        '\uDFFF',
        '\u0000',
        '@',
        '=',
        '-',
        'a',
        '1',
        ' ',
        'sk-',
        '://',
        ':',
      ),
      { maxLength: 400 },
    )
    .map((a) => a.join('')),
  fc
    .tuple(fc.constantFrom('a', '9', '=', '@a', 'x-'), fc.integer({ min: 1, max: 5_000 }))
    .map(([s, n]) => s.repeat(n)),
);
const deepValue = fc.integer({ min: 1, max: 5_000 }).map((depth) => {
  let value: unknown = 'leaf@example.com';
  for (let i = 0; i < depth; i++)
    value = i % 2 ? [value] : { nested: value, password: '<password>' };
  return value;
});

describe('bad input (fast-check, seeded)', () => {
  it('schemas: policies, envelopes and approval decisions refuse with SchemaValidationError only', () => {
    const anything = fc.anything({
      withBoxedValues: true,
      withNullPrototype: true,
      withObjectString: true,
      maxDepth: 4,
    });
    const parsers = {
      policies: safeParseAutomationPolicy,
      envelopes: safeParseRequestEnvelope,
      'approval decisions': safeParseApprovalDecision,
    };
    for (const [name, safeParse] of Object.entries(parsers)) {
      fuzz(name, anything, (value) => {
        const result = safeParse(value);
        if (result.success) return 'ok';
        expect(result.error.code).toBe('SCHEMA_INVALID');
        return 'refused';
      });
    }
  });

  it('run windows: arbitrary windows, instants and zones never throw untyped or hang', () => {
    const zone = fc.constantFrom(
      'UTC',
      'Europe/London',
      'America/New_York',
      'Asia/Kolkata',
      'Pacific/Chatham',
      'Australia/Lord_Howe',
    );
    const instant = fc.date({
      min: new Date('1990-01-01'),
      max: new Date('2090-01-01'),
      noInvalidDate: true,
    });
    fuzz(
      'run windows',
      fc.tuple(
        fc.array(
          fc.oneof(
            nastyString,
            fc.constantFrom('weekday:09:00-18:00', 'mon-fri:22:00-06:00', 'sun:00:00-24:00'),
          ),
          { maxLength: 5 },
        ),
        instant,
        zone,
      ),
      ([windows, at, timeZone]) =>
        typed(() => {
          const state = runWindowState(windows, at, timeZone);
          if (!state.open && state.nextOpening)
            expect(state.nextOpening.getTime()).toBeGreaterThan(at.getTime());
        }),
    );
  });

  it('ledger lines: arbitrary records are refused whole, nothing is written half, the ledger still verifies', async () => {
    const ledger = openLedger({ dir: root, runId: 'fuzz-ledger', durability: 'none' });
    const file = join(root, 'fuzz-ledger', 'ledger.jsonl');
    let written = 0;
    fuzz(
      'ledger appends',
      fc.record({
        type: fc.constantFrom(
          'request',
          'response',
          'error',
          'alert',
          'approval',
          'run_start',
          'bogus',
        ),
        stage: fc.option(nastyString),
        data: fc.anything({ maxDepth: 3 }),
      }),
      (input) => {
        const before = readFileSync(file).length;
        const outcome = typed(() => ledger.append(input as never));
        const after = readFileSync(file).length;
        if (outcome === 'refused') expect(after).toBe(before);
        else written++;
        return outcome;
      },
      2_000,
    );
    await ledger.close();
    expect((await verifyLedger(join(root, 'fuzz-ledger'))).ok).toBe(true);
    figures.push(`  (ledger appends accepted: ${written})`);

    fuzz('ledger lines parsed', fc.oneof(fc.jsonValue(), fc.anything()), (value) => {
      const result = safeParseLedgerRecord(value);
      return result.success ? 'ok' : 'refused';
    });

    // Garbage lines in a ledger file are reported as problems, never thrown.
    const verifyRuns = 300;
    let problems = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(nastyString, { minLength: 1, maxLength: 5 }), async (lines) => {
        writeFileSync(file, `${lines.join('\n')}\n`);
        const result = await verifyLedger(join(root, 'fuzz-ledger'));
        expect(result.ok).toBe(false);
        problems += result.problems.length;
      }),
      { seed, numRuns: verifyRuns },
    );
    figures.push(
      `  verify on garbage ledgers: ${verifyRuns} files, ${problems} problems reported, none thrown`,
    );
  });

  it('redaction: arbitrary strings and objects (lone surrogates, huge, deeply nested) never throw untyped', () => {
    const redactor = createRedactor();
    fuzz('redactText', nastyString, (text) =>
      typed(() => {
        const result = redactor.redactText(text);
        expect(typeof result.text).toBe('string');
      }),
    );
    fuzz(
      'redactValue',
      fc.oneof(
        fc.anything({
          maxDepth: 6,
          withMap: true,
          withSet: true,
          withDate: true,
          withTypedArray: true,
        }),
        deepValue,
      ),
      (value) => typed(() => redactor.redactValue(value)),
    );
  });

  it('token counting: arbitrary text counts or refuses with a typed error, never hangs', () => {
    fuzz('countTokens', nastyString, (text) =>
      typed(() => {
        const count = countTokens(text, { model: 'gpt-5.2' });
        expect(count.tokens).toBeGreaterThanOrEqual(0);
      }),
    );
  }, 180_000);

  it('huge values: 1 MB strings and 100,000-deep objects stay bounded', () => {
    const redactor = createRedactor();
    const huge = [
      'a'.repeat(1 << 20),
      '@a'.repeat(1 << 19),
      '9'.repeat(1 << 20),
      `${'x'.repeat(1 << 19)}\uD800${'='.repeat(1 << 19)}`,
    ];
    let slowest = 0;
    for (const text of huge) {
      for (const work of [
        () => redactor.redactText(text),
        () => countTokens(text, { model: 'gpt-5.2' }),
      ]) {
        const start = performance.now();
        typed(work);
        slowest = Math.max(slowest, performance.now() - start);
      }
    }
    let deep: unknown = 'end';
    for (let i = 0; i < 100_000; i++) deep = { next: deep };
    typed(() => redactor.redactValue(deep));
    figures.push(
      `  huge values: 4 strings of 1 MB through redaction and token counting, one 100,000-deep object; slowest ${slowest.toFixed(0)} ms`,
    );
    expect(slowest).toBeLessThan(CASE_LIMIT_MS * 5);
  }, 120_000);
});
