import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASE62, BASE64URL, createPrng } from '../../../test/support/prng.js';
import { detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';

// A key glued to a name by `-` or `_` (`x_sk-proj-…`, `key-xoxb-…`) passed in clear: every
// detector wants a boundary before its prefix. Glued keys are now taken where their format
// is strict enough that a name never takes that shape (as GitHub's checksum is).
// Keys are generated; the OpenAI marker is built in two pieces.
const rng = createPrng(20261210);
const MARKER = `T3Blbk${'FJ'}`;
const digits = (min: number, max: number) => rng.digits(rng.int(min, max));
const HEX = '0123456789abcdef';

const KEYS = {
  'OpenAI legacy': () => `sk-${rng.chars(BASE62, 20)}${MARKER}${rng.chars(BASE62, 20)}`,
  'OpenAI project': () => `sk-proj-${rng.chars(BASE64URL, 74)}${MARKER}${rng.chars(BASE64URL, 74)}`,
  'OpenAI service account': () =>
    `sk-svcacct-${rng.chars(BASE64URL, 58)}${MARKER}${rng.chars(BASE64URL, 58)}`,
  'OpenAI named project': () =>
    `sk-shop1-${rng.chars(BASE62, 20)}${MARKER}${rng.chars(BASE62, 20)}`,
  Anthropic: () => `sk-ant-api03-${rng.chars(BASE64URL, 93)}AA`,
  'Anthropic admin': () => `sk-ant-admin01-${rng.chars(BASE64URL, 93)}AA`,
  'Slack bot': () => `xoxb-${digits(10, 13)}-${digits(10, 13)}-${rng.chars(BASE62, 24)}`,
  'Slack user': () =>
    `xoxp-${digits(10, 13)}-${digits(10, 13)}-${digits(10, 13)}-${rng.chars(HEX, 32)}`,
  'Slack app-level': () =>
    `xapp-1-A${rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}-${digits(13, 13)}-${rng.chars(HEX, 64)}`,
} as const;

describe('a key glued to a name by - or _', () => {
  for (const [name, make] of Object.entries(KEYS)) {
    it.each(['x_', 'key-', 'MY_API_KEY_', 'header-value-'])(`${name} after %s`, (before) => {
      const key = make();
      const text = `${before}${key} rest`;
      const found = detectSecrets(text);
      expect(found.map((f) => [f.start, f.end])).toEqual([
        [before.length, before.length + key.length],
      ]);
    });
  }

  it.each([
    [
      'an OpenAI marker off the middle',
      `sk-${'a1B2'.repeat(5)}Z${MARKER}${'c3D4'.repeat(5).slice(1)}`,
    ],
    ['an OpenAI key shape without the marker', `sk-proj-${'Ab3'.repeat(50)}`],
    ['an OpenAI placeholder with the marker', `sk-${'x'.repeat(20)}${MARKER}${'x'.repeat(20)}`],
    ['an Anthropic shape not ending in AA', `sk-ant-api03-${'Zq9'.repeat(31)}AB`],
    ['an Anthropic shape of 92 characters', `sk-ant-api03-${'Zq9'.repeat(30)}zzAA`],
  ])('leaves %s glued to a name', (_, shape) => {
    for (const before of ['x_', 'key-']) expect(detectSecrets(`${before}${shape}`)).toEqual([]);
  });

  // After `_` any Slack token shape with a digit was taken already (`_` is a boundary to it).
  it.each([
    ['without numeric ids', `xoxb-team-bot-${'Ab3'.repeat(8)}`],
    ['with short ids', `xoxb-123456789-123456789-${'Ab3'.repeat(8)}`],
  ])('leaves a Slack shape %s glued to a name by -', (_, shape) => {
    expect(detectSecrets(`key-${shape}`)).toEqual([]);
  });

  it('leaves names made of ordinary words and random tails', () => {
    const words = fc.constantFrom(
      'task',
      'skill',
      'risk',
      'score',
      'desk',
      'sk',
      'ask',
      'ant',
      'api03',
      'admin01',
      'proj',
      'xoxb',
      'xoxp',
      'xapp',
      'key',
      'token',
      'x',
      'my',
      'value',
      '1',
      '2024',
      'v2',
      'AA',
    );
    const tail = fc.string({ unit: fc.constantFrom(...BASE62), minLength: 0, maxLength: 120 });
    const name = fc
      .tuple(fc.array(words, { minLength: 1, maxLength: 8 }), fc.constantFrom('-', '_'), tail)
      .map(([ws, sep, t]) => `${ws.join(sep)}${sep}${t}`);
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 4 }), (names) => {
        const text = names.join(' ');
        // Only glued forms are generated: each prefix follows a word and a separator.
        const glued = detectSecrets(text).filter(
          (f) => f.start > 0 && /[-_]/.test(text[f.start - 1]!),
        );
        expect(glued).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('stays linear on repeated glued prefixes and markers', () => {
    for (const unit of ['-sk-ant-api03-', '-xoxb-1234567890-', `_${MARKER}`, `sk-${MARKER}-`]) {
      expectLinearTime((n) => unit.repeat(n / unit.length), detectSecrets, 1_000_000, unit);
    }
  });
});
