import { describe, expect, it } from 'vitest';
import { createRedactor } from '../src/index.js';

/** The texts of the findings of `type` in `text`. */
function spans(text: string, type: string): string[] {
  return createRedactor()
    .scan(text)
    .filter((f) => f.type === type)
    .map((f) => text.slice(f.start, f.end));
}

// Registry examples (SWIFT IBAN registry): Germany, the UK, Norway (the shortest, 15).
const de = ['DE89', '3704', '0044', '0532', '0130', '00'];
const gb = ['GB82', 'WEST', '1234', '5698', '7654', '32'];
const no = ['NO93', '8601', '1117', '947'];

// Spaced IBANs were found, dashed ones (as forms and some banks' exports write them) were
// not: the separator class had no `-`.
describe('IBANs grouped by dashes', () => {
  it.each([[de], [gb], [no]])('%j is found whole', (groups) => {
    const iban = groups.join('-');
    expect(spans(`IBAN ${iban} ok`, 'iban')).toEqual([iban]);
    expect(spans(`pay to ${iban}.`, 'iban')).toEqual([iban]);
  });

  it('the mod-97 check still decides', () => {
    const wrong = [...de.slice(0, 5), '01'].join('-');
    expect(spans(`IBAN ${wrong} ok`, 'iban')).toEqual([]);
  });

  it('only one separator throughout, in groups of four as IBANs are printed', () => {
    const mixed = `${de.slice(0, 3).join('-')} ${de.slice(3).join(' ')}`;
    expect(spans(`IBAN ${mixed} ok`, 'iban')).toEqual([]);
    // The same characters in other groups: an id that happens to pass mod-97.
    const regrouped = 'DE8937-0400-4405-3201-3000';
    expect(spans(`id ${regrouped} ok`, 'iban')).toEqual([]);
  });

  it('a piece of a longer dashed id is not an IBAN', () => {
    const iban = de.join('-');
    expect(spans(`id ${iban}-7 ok`, 'iban')).toEqual([]);
    expect(spans(`id X1-${iban} ok`, 'iban')).toEqual([]);
    // A dash as punctuation around it is no id.
    expect(spans(`IBAN ${iban} - paid`, 'iban')).toEqual([iban]);
    expect(spans(`IBAN -${iban}-`, 'iban')).toEqual([iban]);
  });

  it('an uppercase UUID that starts like one is not an IBAN', () => {
    const uuid = 'DE893704-0044-0532-0130-00AB12CD34EF';
    expect(spans(`id ${uuid} ok`, 'iban')).toEqual([]);
  });
});
