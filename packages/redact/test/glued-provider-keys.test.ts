import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASE62, BASE64URL, createPrng } from '../../../test/support/prng.js';
import { detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';

// Stripe, Google and Groq keys glued to text before them (`mykeysk_live_…`, `tokenAIza…`,
// `groqgsk_…`, `x_sk_live_…`) passed in clear: their detectors want a boundary before the
// prefix. They are now taken in the exact shape each provider issues, with a digit and both
// letter cases in the random part. Keys are generated; prefixes are built in pieces.
const rng = createPrng(20261207);
const SK = `sk${'_'}`;
const RK = `rk${'_'}`;
const AIZA = `AI${'za'}`;
const GSK = `gsk${'_'}`;

/** A random part of `n` characters from `alphabet` with a digit and both cases in it. */
function body(alphabet: string, n: number): string {
  for (;;) {
    const b = rng.chars(alphabet, n);
    if (/\d/.test(b) && /[a-z]/.test(b) && /[A-Z]/.test(b)) return b;
  }
}

const KEYS = {
  'Stripe live secret (24)': () => `${SK}live_${body(BASE62, 24)}`,
  'Stripe test secret (99)': () => `${SK}test_51${body(BASE62, 97)}`,
  'Stripe restricted (24)': () => `${RK}live_${body(BASE62, 24)}`,
  'Google API key': () => `${AIZA}Sy${body(BASE64URL, 33)}`,
  Groq: () => `${GSK}${body(BASE62, 52)}`,
} as const;

describe('a Stripe, Google or Groq key glued to text before it', () => {
  for (const [name, make] of Object.entries(KEYS)) {
    it.each(['mykey', 'token', 'groq', 'x_', 'key-', 'MY_API_KEY_', '2024', '"stripe'])(
      `${name} after %s`,
      (before) => {
        const key = make();
        const text = `${before}${key} rest`;
        expect(detectSecrets(text).map((f) => [f.start, f.end])).toEqual([
          [before.length, before.length + key.length],
        ]);
      },
    );
  }

  it.each([
    ['a Stripe key of 23', `${SK}live_${body(BASE62, 23)}`],
    ['a Stripe key of 25', `${SK}live_${body(BASE62, 25)}`],
    ['a Stripe key of 98', `${SK}live_${body(BASE62, 98)}`],
    ['a Stripe shape without digits', `${SK}live_AbcdefGhijklMnopqrStuvwX`],
    ['a Stripe shape in one case', `${SK}test_${'ab3de5gh7jk9'.repeat(2)}`],
    ['a Stripe placeholder', `${SK}live_${'xXxX1'.repeat(4)}xXxX`],
    ['a Google shape of 34', `${AIZA}Sy${body(BASE64URL, 32)}`],
    ['a Google shape of 36', `${AIZA}Sy${body(BASE64URL, 34)}`],
    ['a Google shape without digits', `${AIZA}SyOfTheLongCamelCaseNameWithLetters`],
    ['a Google shape not starting Sy', `${AIZA}${body(BASE64URL, 35)}`],
    ['a Groq shape of 51', `${GSK}${body(BASE62, 51)}`],
    ['a Groq shape of 53', `${GSK}${body(BASE62, 53)}`],
    ['a Groq shape without upper case', `${GSK}${'ab3de5gh7jk9m'.repeat(4)}`],
  ])('leaves %s glued to a name', (_, shape) => {
    // After `-` a Stripe key of any length was taken already (`-` is a boundary to it).
    for (const before of ['task', 'x_', 'Open', '2024']) {
      expect(detectSecrets(`${before}${shape}`)).toEqual([]);
    }
  });

  it('leaves names that run into a prefix', () => {
    const words = fc.constantFrom(
      'task',
      'disk',
      'ask',
      'risk',
      'live',
      'test',
      'results',
      // Not `Sy`: a name holding the whole of Google's `AIzaSy` and 33 characters with a digit
      // and both cases is taken as a key by design.
      'AIza',
      'Open',
      'tion',
      'gsk',
      'groq',
      'config',
      'v2',
      '2024',
    );
    const name = fc
      .tuple(fc.array(words, { minLength: 1, maxLength: 12 }), fc.constantFrom('', '_', '-'))
      .map(([ws, sep]) => ws.join(sep));
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 4 }), (names) => {
        const text = names.join(' ');
        // Only glued forms count: a prefix starting a token is the other detectors' to judge.
        const glued = detectSecrets(text).filter(
          (f) => f.start > 0 && /[A-Za-z0-9_-]/.test(text[f.start - 1]!),
        );
        expect(glued).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('stays linear on repeated glued prefixes', () => {
    for (const unit of [`x${SK}live_`, `a${AIZA}`, `q${GSK}`, `${SK}live_${'aB3'.repeat(8)}`]) {
      expectLinearTime((n) => unit.repeat(n / unit.length), detectSecrets, 1_000_000, unit);
    }
  });
});
