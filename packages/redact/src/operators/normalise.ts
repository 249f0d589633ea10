import { withoutZeroWidth } from '../zero-width.js';

/**
 * `(0)`: the trunk prefix that UK, German and other numbers keep in brackets after the
 * country code (`+44 (0)20 7946 0958`); dialled internationally it is left out.
 */
const BRACKETED_TRUNK = /\(\s*0\s*\)/;

/**
 * The canonical form of a value before it is hashed or numbered, so the same identifier
 * written two ways (`Bob@Example.com`/`bob@example.com`, `+44 20 7946 0958`/`+442079460958`/
 * `+44 (0)20 7946 0958`/`0044 20 7946 0958`) joins to the same token. Zero-width characters
 * and soft hyphens (`bo\u00adb@example.com`) are dropped for every type first: they are
 * invisible, and the detectors already read through them.
 */
export function normaliseValue(type: string, raw: string): string {
  const value = withoutZeroWidth(raw);
  switch (type) {
    case 'email':
      return value.toLowerCase();
    case 'phone':
      return normalisePhone(value);
    case 'credit_card':
    case 'iban':
    case 'uk_nino':
    case 'ssn':
      return value.replace(/[\s-]/g, '').toUpperCase();
    default:
      return value;
  }
}

/**
 * Digits and a leading `+`: `00` (the international prefix of most countries) becomes
 * `+`, and a bracketed trunk `(0)` after a country code is dropped.
 */
function normalisePhone(value: string): string {
  const international = /^\s*(?:\+|00)/.test(value);
  const digits = (international ? value.replace(BRACKETED_TRUNK, '') : value).replace(
    /[^0-9+]/g,
    '',
  );
  return digits.startsWith('00') ? `+${digits.slice(2)}` : digits;
}
