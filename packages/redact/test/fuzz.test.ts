import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlaceholder } from '../src/detectors/secrets/placeholder.js';
import { createRedactor, detectSecrets, type Finding } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';

const redactor = createRedactor();

/** Characters every pattern cares about, so random strings hit the detectors' edges. */
const ALPHABET = [...'aAzZ019@.:-_=+/()[]{}"\' \n\t;,#%&?!xXsSkKeEyJbBpP3\\'];
const edgy = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 400 }).map((cs) => cs.join(''));
const units = fc.constantFrom(
  '1',
  '4111 ',
  'a@',
  '1.',
  'a:',
  '::',
  'password=',
  'sk-',
  'eyJhbGci.',
  '://a:',
  '+1 (',
  'AKIA',
  '-----BEGIN PRIVATE KEY-----\n',
  'DE89 ',
  'xoxb-1-',
  '\u200b',
  'Bearer ',
  'password="',
  '\u00fc@',
  '4111\u00a0',
  // Escapes as serialised text writes them: blanked for a second look at what follows.
  '\\n',
  '\\',
  '%20',
  '%C3%A9',
  '\\"password\\":\\"',
  // Cookie lists: every `;` continues one, and every `-b` looks back for curl.
  'Cookie: a=',
  'x7Kq2pZ9w;',
  'curl -b ',
  ' -b a=b;',
  // Glued short flags: `-p` looks back for mysql, `-u` ahead for a colon.
  'mysql -p',
  ' -ua',
  ':',
  // Found from inside: `:A` looks back for a bot id, `p.` for the `d` of `dp.`, `-p` for
  // sshpass, `/api/` for Discord's host; `key-` back for the name Mailgun.
  '12345678:A',
  'dp.st.',
  'sshpass -p ',
  'discord.com/api/webhooks/1',
  'mailgun key-0',
);
/** Long runs of adversarial units, as a backtracking pattern would hate. */
const adversarial = fc
  .tuple(fc.array(units, { minLength: 1, maxLength: 4 }), fc.integer({ min: 100, max: 3000 }))
  .map(([us, n]) => us.join('').repeat(n));

function wellFormed(findings: readonly Finding[], length: number): void {
  let last = 0;
  for (const f of findings) {
    expect(f.start).toBeGreaterThanOrEqual(last);
    expect(f.end).toBeGreaterThan(f.start);
    expect(f.end).toBeLessThanOrEqual(length);
    last = f.end;
  }
}

describe('fuzz: every input gives sorted, in-range, non-overlapping findings', () => {
  it('on random strings over the patterns’ alphabet', () => {
    fc.assert(
      fc.property(edgy, (text) => {
        wellFormed(redactor.scan(text), text.length);
        wellFormed(detectSecrets(text), text.length);
        const r = redactor.redactText(text);
        expect(Object.values(r.counts).reduce((a, b) => a + b, 0)).toBe(r.findings.length);
      }),
      { numRuns: 1500 },
    );
  });

  it('on long adversarial repetitions (linear patterns finish; the suite timeout is the guard)', () => {
    fc.assert(
      fc.property(adversarial, (text) => {
        wellFormed(redactor.scan(text), text.length);
      }),
      { numRuns: 60 },
    );
  });

  it('finds a planted value whatever the surrounding noise', () => {
    const noise = fc
      .array(fc.constantFrom(...'abc XYZ.,;!?()-_\n'), { maxLength: 60 })
      .map((cs) => cs.join(''));
    const b62 = fc
      .array(fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'), {
        minLength: 36,
        maxLength: 36,
      })
      .map((cs) => cs.join(''));
    // A random body can spell a placeholder mark (`FAKE`, `Your`, `xxxx`…), and a token
    // whose body is a placeholder is documented not to be a secret: plant only real ones.
    const tokenBody = b62.filter((s) => !isPlaceholder(s));
    const planted = fc.oneof(
      tokenBody.map((s) => ({ value: `ghp_${s}`, type: 'secret' })),
      b62.map((s) => ({ value: `${s.slice(0, 8).toLowerCase()}@example.com`, type: 'email' })),
      fc.constant({ value: '4111 1111 1111 1111', type: 'credit_card' }),
      fc.constant({ value: 'GB29 NWBK 6016 1331 9268 19', type: 'iban' }),
      fc.constant({ value: '2001:db8::8a2e:370:7334', type: 'ip' }),
    );
    fc.assert(
      fc.property(noise, planted, noise, (before, p, after) => {
        const text = `${before} ${p.value} ${after}`;
        const at = before.length + 1;
        const hit = redactor
          .scan(text)
          .find((f) => f.start === at && f.end === at + p.value.length);
        expect(hit?.type).toBe(p.type);
        expect(redactor.redactText(text).text).not.toContain(p.value);
      }),
      { numRuns: 500 },
    );
  });
});

describe('adversarial inputs from the benchmark set complete and report sanely', () => {
  const size = 200_000;
  const rep = (unit: string) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  it.each([
    ['digits run', rep('1234567890'), 0],
    ['a@a@a…', rep('a@'), 0],
    ['no spaces', rep('abcdefghijklmnopqrstuvwxyz'), 0],
    ['4111 4111 …', rep('4111 '), 0],
    ['1.1.1.…', rep('1.'), 0],
    ['a:a:a…', rep('a:'), 0],
    ['sk-sk-…', rep('sk-'), 0],
    ['://a:://a:…', rep('://a:'), 0],
    ['-ghs_1_eyJ-ghs_…', rep('-ghs_1_eyJ'), 0],
  ])('%s', (_name, text, expected) => {
    const findings = redactor.scan(text);
    wellFormed(findings, text.length);
    expect(findings.length).toBe(expected);
  });
});

describe('literals searched for in any letter case stay linear', () => {
  // The search kept no state between matches: with `K` absent from the text, each
  // `cookie` found cost a search to the end for it (2 MB: seconds; linear: ~50 ms).
  const size = 2_000_000;
  const rep = (unit: string) => (n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  it.each([
    ['cookie…', rep('cookie')],
    ['CoOkIe …', rep('CoOkIe ')],
    ['bearer …', rep('bearer ')],
    ['BaSiC x…', rep('BaSiC x')],
    ['kkk…', rep('k')],
  ])('%s (2 MB)', (_name, make) => {
    expectLinearTime(
      make,
      (text) => {
        detectSecrets(text);
        redactor.scan(text);
      },
      size,
    );
  });
});
