import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { IBAN_LENGTHS } from '../src/checksums/iban-mod97.js';
import { createRedactor } from '../src/index.js';
import { PUBLIC_CASES } from './corpus/public-cases.js';
import { expectLinearTime } from './helpers/linear-time.js';

const redactor = createRedactor();

/** The texts of the findings of `type` in `text`. */
function spans(text: string, type: string): string[] {
  return redactor
    .scan(text)
    .filter((f) => f.type === type)
    .map((f) => text.slice(f.start, f.end));
}

// Registry examples (SWIFT IBAN registry), as groups: Germany, the UK, the Netherlands
// (letters in the BBAN: a bank code), Norway (the shortest, 15).
const de = ['DE89', '3704', '0044', '0532', '0130', '00'];
const gb = ['GB82', 'WEST', '1234', '5698', '7654', '32'];
const nl = ['NL91', 'ABNA', '0417', '1643', '00'];
const no = ['NO93', '8601', '1117', '947'];
const BASE36 = BASE62.slice(26).toLowerCase();
const lower = (groups: string[], separator: string) => groups.join(separator).toLowerCase();

// IBANs typed in lower case (a chat message, a form that lower-cases its input) were not
// found: the pattern read capitals only.
describe('IBANs written in lower case', () => {
  it.each([[de], [gb], [nl], [no]])('%j is found spaced, compact and dashed', (groups) => {
    for (const separator of [' ', '', '-']) {
      const iban = lower(groups, separator);
      expect(spans(`IBAN ${iban} ok`, 'iban')).toEqual([iban]);
      expect(spans(`pay to ${iban}.`, 'iban')).toEqual([iban]);
    }
  });

  it('every SWIFT registry example, lower-cased, compact and in groups of four', () => {
    const examples = PUBLIC_CASES.filter((c) => c.origin === 'SWIFT IBAN Registry example').map(
      (c) => c.labels[0]!.value.toLowerCase(),
    );
    expect(examples.length).toBeGreaterThan(60);
    const missed: string[] = [];
    for (const compact of examples) {
      const grouped = compact.replace(/(.{4})(?=.)/g, '$1 ');
      for (const iban of [compact, grouped]) {
        if (spans(`IBAN ${iban} ok`, 'iban')[0] !== iban) missed.push(iban);
      }
    }
    expect(missed).toEqual([]);
  });

  it('is the same account as the upper-case form (one placeholder, one hash)', () => {
    const text = `from ${de.join(' ')} to ${lower(de, '')}`;
    expect(createRedactor().redactText(text).text).toBe('from [IBAN_1] to [IBAN_1]');
    const hashed = createRedactor({ profile: 'hashed-retail', hashKey: 'k'.repeat(32) });
    const ibans = hashed.redactText(text).text.match(/IBAN_[0-9a-f]+/g);
    expect(ibans).toHaveLength(2);
    expect(ibans![0]).toBe(ibans![1]);
  });

  it('the mod-97 check still decides', () => {
    const wrong = lower([...de.slice(0, 5), '01'], ' ');
    expect(spans(`IBAN ${wrong} ok`, 'iban')).toEqual([]);
    expect(spans(`IBAN ${wrong.replaceAll(' ', '')} ok`, 'iban')).toEqual([]);
  });

  it('mixed case is not an IBAN (random tokens mix cases, IBANs do not)', () => {
    const [country, ...rest] = gb;
    expect(spans(`x ${country}${rest.join('').toLowerCase()} y`, 'iban')).toEqual([]);
    expect(spans(`x ${country!.toLowerCase()}${rest.join('')} y`, 'iban')).toEqual([]);
    expect(spans(`x De${de.join('').slice(2)} y`, 'iban')).toEqual([]);
  });

  it('a lower-case one is grouped by four or not at all', () => {
    // The same characters regrouped: an upper-case spaced IBAN keeps any grouping, as before.
    const regrouped = `${de.join('').slice(0, 6)} 0400 4405 3201 3000`;
    expect(spans(`IBAN ${regrouped} ok`, 'iban')).toEqual([regrouped]);
    expect(spans(`IBAN ${regrouped.toLowerCase()} ok`, 'iban')).toEqual([]);
  });
});

describe('lower-case text is not read as IBANs', () => {
  const rng = createPrng(20261206);
  const codes = Object.keys(IBAN_LENGTHS).map((c) => c.toLowerCase());
  const WORDS = (
    'the of and to in is it be at on as by we he do go no me my so up an or if us ' +
    'tax rate room page item step user note file year week plan code line test data ' +
    'order price total build batch stock floor field value level queue shard region'
  ).split(' ');

  it('ordinary sentences with country-code words and numbers', () => {
    const text = [
      'Room no 12 is on floor 3; see page 1234 5678 9012 of the plan.',
      'we go at 10 am, be at gate 12 by 1045, and it is 2024 0101 1200 now.',
      'target es2020 and es2022, node20 and lts12, rfc7231 section 6 5 1',
      'is12 tickets open, me21 is done, at27 of 30 passed, de89 build failed',
      'order se12 3456 7890 1234 5678 shipped; batch no93 stock 8601 1117 94',
      'ids: be12a3f4c5d6e7f8 de0123456789abcdef0123 ad12ab34cd56ef78ab90cd12',
    ].join('\n');
    expect(spans(text, 'iban')).toEqual([]);
  });

  it('every registry country code in lower case, then digits and words', () => {
    // A country code and two digits starting a lower-case word, then words and numbers:
    // the shape a lower-case IBAN has, 1 in 97 passing mod-97 on its own.
    const texts: string[] = [];
    for (const code of codes) {
      for (let k = 0; k < 60; k++) {
        const parts = [`${code}${rng.digits(2)}`];
        while (parts.join(' ').length < 40) {
          parts.push(rng.next() < 0.5 ? rng.pick(WORDS) : rng.digits(rng.int(1, 6)));
        }
        texts.push(parts.join(rng.next() < 0.5 ? ' ' : ''));
      }
    }
    const found = texts.filter((t) => spans(`x ${t} y`, 'iban').length > 0);
    expect(found).toEqual([]);
  });

  it('lower-case hex ids of IBAN lengths', () => {
    // Span ids (16 hex), ObjectIds (24 hex), hashes cut short: the hex letters make the
    // country codes AD, AE, BA, BE, DE and EE, and all but Andorra's BBAN is digits only.
    const ids: string[] = [];
    for (let k = 0; k < 50_000; k++) {
      ids.push(rng.chars('0123456789abcdef', rng.pick([16, 20, 22, 23, 24])));
    }
    expect(ids.filter((id) => spans(`id ${id} ok`, 'iban').length > 0)).toEqual([]);
  });

  it('lower-case ids that start like an IBAN of the right length', () => {
    // The worst case: a country code and two digits, then letters and digits to exactly
    // the country's length. Mod-97 alone passes 1 in 97 (about 200 here); a BBAN mostly
    // of letters, or holding any where the country's has none, is turned away first.
    const ids: string[] = [];
    for (let k = 0; k < 20_000; k++) {
      const code = rng.pick(codes);
      const length = IBAN_LENGTHS[code.toUpperCase()]!;
      ids.push(`${code}${rng.digits(2)}${rng.chars(BASE36, length - 4)}`);
    }
    const found = ids.filter((id) => spans(`id ${id} ok`, 'iban').length > 0);
    expect(found.length).toBeLessThan(20);
  });

  it('stays linear on lower-case runs shaped like IBAN starts', () => {
    const size = 1_000_000;
    const rep = (unit: string) => (n: number) =>
      unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
    for (const make of [rep('de12'), rep('de12 '), rep('ab12-'), rep('gb82west'), rep('a1')]) {
      expectLinearTime(make, (t) => createRedactor().scan(t), size);
    }
  });
});
