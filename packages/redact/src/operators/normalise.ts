/**
 * The canonical form of a value before it is hashed or numbered, so the same identifier
 * written two ways (`Bob@Example.com`/`bob@example.com`, `+44 20 7946 0958`/`+442079460958`)
 * joins to the same token.
 */
export function normaliseValue(type: string, value: string): string {
  switch (type) {
    case 'email':
      return value.toLowerCase();
    case 'phone':
      return value.replace(/[^0-9+]/g, '');
    case 'credit_card':
    case 'iban':
    case 'uk_nino':
    case 'ssn':
      return value.replace(/[\s-]/g, '').toUpperCase();
    default:
      return value;
  }
}
