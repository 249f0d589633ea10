import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import type { Detector } from '../src/detector.js';
import { PII_DETECTORS } from '../src/detectors/pii-detectors.js';
import { SECRET_DETECTORS } from '../src/detectors/secrets/secret-detectors.js';
import { compileDetectors, runDetectors } from '../src/scan.js';
import { SHORT_TEXT_MAX_LENGTH } from '../src/short-text-gate.js';

const rng = createPrng(20261204);
const b62 = (n: number) => rng.chars(BASE62, n);

/** Every literal of the detectors, short real-looking secrets, and filler. */
function units(detectors: readonly Detector[]): string[] {
  const literals = detectors.flatMap((d) => [...(d.anchors ?? []), ...(d.needles ?? [])]);
  // Anchors a detector takes in any letter case, in other cases too.
  const cased = detectors
    .filter((d) => d.anchorsIgnoreCase === true)
    .flatMap((d) => d.anchors ?? [])
    .flatMap((a) => [
      a.toUpperCase(),
      [...a].map((c, i) => (i % 2 ? c : c.toUpperCase())).join(''),
    ]);
  return [
    ...literals,
    ...cased,
    `${b62(30)}7Q`,
    `ghp_${b62(36)}`,
    `AKIA${rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
    `npm_${b62(36)}`,
    `glpat-${b62(20)}`,
    'a@b.co',
    '4111 1111 1111 1111',
    'req-',
    '3f1c6a52-9b1e',
    ' ',
    'x',
    '7',
    '=',
    '"',
  ];
}

describe.each([
  ['the secret detectors', SECRET_DETECTORS],
  ['the PII and secret detectors', [...PII_DETECTORS, ...SECRET_DETECTORS]],
])('the short-text gate over %s', (_, detectors) => {
  const gated = compileDetectors(detectors);
  const ungated = { ...gated, gate: null };

  it('changes no finding on texts around its length limit', () => {
    let skipped = 0;
    let passed = 0;
    const text = fc
      .array(fc.constantFrom(...units(detectors)), { maxLength: 12 })
      .map((parts) => parts.join('').slice(0, SHORT_TEXT_MAX_LENGTH + 8));
    fc.assert(
      fc.property(text, (t) => {
        if (t.length <= SHORT_TEXT_MAX_LENGTH) {
          if (gated.gate!.pattern.test(t)) passed++;
          else skipped++;
        }
        expect(runDetectors(gated, t)).toEqual(runDetectors(ungated, t));
      }),
      { numRuns: 4000 },
    );
    // Both branches were taken: the comparison above is not vacuous.
    expect(skipped).toBeGreaterThan(100);
    expect(passed).toBeGreaterThan(100);
  });

  it('still finds a short secret, and skips an id with no literal', () => {
    const key = `ghp_${b62(36)}`;
    expect(runDetectors(gated, `t=${key}`)).toMatchObject([{ kind: 'github' }]);
    expect(gated.gate!.pattern.test('req-1234')).toBe(false);
    expect(runDetectors(gated, 'req-1234')).toEqual([]);
  });
});

describe('anchors in any letter case', () => {
  const gated = compileDetectors(SECRET_DETECTORS);

  it('a short bearer token is found whatever the case of its scheme', () => {
    for (const scheme of ['Bearer', 'BEARER', 'bEaReR']) {
      const text = `${scheme} ${b62(30)}7Q`;
      expect(text.length).toBeLessThanOrEqual(SHORT_TEXT_MAX_LENGTH);
      expect(gated.gate!.pattern.test(text)).toBe(true);
      expect(runDetectors(gated, text)).toMatchObject([{ kind: 'bearer' }]);
    }
  });

  it("a host detector's anchors, when it says so", () => {
    const order = (anchorsIgnoreCase?: boolean): Detector => ({
      id: 'order',
      type: 'order_id',
      priority: 10,
      anchors: ['ord-'],
      ...(anchorsIgnoreCase === undefined ? {} : { anchorsIgnoreCase }),
      scan(text, out) {
        for (const m of text.matchAll(/ord-\d{4}/gi)) {
          out.push({ type: 'order_id', start: m.index, end: m.index + 8, detector: 'order' });
        }
      },
    });
    expect(runDetectors(compileDetectors([order(true)]), 'ORD-1234')).toHaveLength(1);
    // Case-sensitive anchors: the gate skips a text without them as written.
    expect(runDetectors(compileDetectors([order(false)]), 'ORD-1234')).toEqual([]);
    expect(runDetectors(compileDetectors([order()]), 'ord-1234')).toHaveLength(1);
  });
});

describe('a detector without literals', () => {
  it('is never skipped by the gate', () => {
    const digits: Detector = {
      id: 'digits',
      type: 'account',
      priority: 10,
      scan(text, out) {
        for (const m of text.matchAll(/\d{6}/g)) {
          out.push({ type: 'account', start: m.index, end: m.index + 6, detector: 'digits' });
        }
      },
    };
    const compiled = compileDetectors([...SECRET_DETECTORS, digits]);
    expect(compiled.gate!.covers.at(-1)).toBe(false);
    expect(runDetectors(compiled, 'acct 123456')).toMatchObject([{ detector: 'digits' }]);
  });
});

describe('a short text holding literals', () => {
  const compiled = compileDetectors(SECRET_DETECTORS);
  const chosen = (text: string) =>
    compiled.gate!.select(text).flatMap((on, i) => (on ? [SECRET_DETECTORS[i]!.id] : []));

  // One common literal (`--`) ran every detector: 0.7 -> 2.8 us for a short id.
  it('runs only the detectors whose own literals it holds', () => {
    expect(chosen('req_8f3a2b1c--build 42')).toEqual(['flag-value']);
    expect(chosen('run x')).toEqual([]);
  });

  it('sees overlapping literals and literals in any letter case', () => {
    expect(new Set(chosen('"--user'))).toEqual(
      new Set(['curl-user', 'flag-value', 'argv-flag-value']),
    );
    expect(chosen('BeArEr x')).toEqual(['bearer-token']);
    expect(new Set(chosen('sk-ant-x'))).toEqual(new Set(['openai-key', 'anthropic-key']));
  });
});
