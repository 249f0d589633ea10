import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/canonical-json.js';
import { CanonicalEncoder } from '../src/fast-canonical.js';

describe('canonicalJson (RFC 8785)', () => {
  it('matches the RFC 8785 §3.2.2 example: literals, numbers and string escapes', () => {
    // Parsed from the RFC's own input text, so number parsing is part of the check.
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        ' "literals": [null, true, false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts members by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // Read the order from the text: Object.keys would list the integer-like "1" first.
    const text = canonicalJson(input);
    const order = ['\\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'].map((k) =>
      text.indexOf(`"${k}":`),
    );
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('serialises numbers as ECMAScript does (RFC 8785 Appendix B samples)', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [-0, '0'],
      [1, '1'],
      [-1.5, '-1.5'],
      [1e21, '1e+21'],
      [1e-7, '1e-7'],
      [123456789012345680000, '123456789012345680000'],
      [0.1 + 0.2, '0.30000000000000004'],
      [Number.MAX_SAFE_INTEGER, '9007199254740991'],
      [5e-324, '5e-324'],
      [1.7976931348623157e308, '1.7976931348623157e+308'],
    ];
    for (const [value, text] of cases) expect(canonicalJson(value)).toBe(text);
  });

  it('escapes control characters as lowercase \\u00xx and leaves the rest of Unicode alone', () => {
    expect(canonicalJson('\u0000\u001f\u007f é 😀 \u2028')).toBe(
      '"\\u0000\\u001f\u007f é 😀 \u2028"',
    );
    expect(canonicalJson('\b\t\n\f\r')).toBe('"\\b\\t\\n\\f\\r"');
  });

  it('refuses what JSON cannot hold instead of silently changing it', () => {
    for (const bad of [undefined, Number.NaN, Number.POSITIVE_INFINITY, 1n, () => 1, Symbol('x')]) {
      expect(() => canonicalJson(bad)).toThrow(/canonicalise/);
    }
    expect(() => canonicalJson({ a: undefined })).toThrow();
    expect(() => canonicalJson('\ud800')).toThrow(/lone UTF-16 surrogate/);
    expect(() => canonicalJson(new Date(0))).toThrow(/Date/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/cyclic/);
  });

  it('is stable: parse(canonical(x)) round-trips and re-canonicalises to the same text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on member insertion order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 8 }), (dict) => {
        const reversed = Object.fromEntries(Object.entries(dict).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(dict));
      }),
      { numRuns: 300 },
    );
  });

  it('the append fast path produces exactly the same text for plain JSON', () => {
    // One encoder for every value, as in a ledger: its remembered layouts must not leak
    // from one value into the next.
    const encoder = new CanonicalEncoder();
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const normalised = JSON.parse(JSON.stringify(value)); // -0 → 0 as JSON does
        expect(encoder.encode(normalised, [])).toBe(canonicalJson(normalised));
        expect(encoder.encode(normalised, [])).toBe(canonicalJson(normalised));
      }),
      { numRuns: 500 },
    );
    expect(encoder.encode({ a: new Date(0) }, [])).toBeNull();
    expect(encoder.encode({ a: undefined }, [])).toBeNull();
    expect(encoder.encode({ toJSON: () => 1 }, [])).toBeNull();
    expect(encoder.encode({ ['\ud800']: 1 }, [])).toBeNull();
  });

  it('stays exact past the bounds of its layout memory (many layouts, one first name)', () => {
    const encoder = new CanonicalEncoder();
    for (let i = 0; i < 3000; i++) {
      const value = i % 2 === 0 ? { a: i, [`k${i % 40}`]: 'x', z: [i] } : { [`f${i}`]: i, b: 'y' };
      expect(encoder.encode(value, [])).toBe(canonicalJson(value));
    }
  });

  it('hands out member names for scanning until a value with their layout was scanned clean', () => {
    const encoder = new CanonicalEncoder();
    const strings: string[] = [];
    encoder.encode({ b: 'x', a: 1 }, strings);
    expect(strings.sort()).toEqual(['a', 'b', 'x']);
    strings.length = 0;
    // Not marked scanned (the scan found something): the names are handed out again.
    encoder.encode({ b: 'y', a: 2 }, strings);
    expect(strings.sort()).toEqual(['a', 'b', 'y']);
    encoder.markScanned();
    strings.length = 0;
    encoder.encode({ b: 'z', a: 3 }, strings);
    expect(strings).toEqual(['z']);
    // Another layout of the same names is another shape: scanned anew.
    strings.length = 0;
    expect(encoder.encode({ a: 4, b: 'w' }, strings)).toBe('{"a":4,"b":"w"}');
    expect(strings.sort()).toEqual(['a', 'b', 'w']);
  });
});
