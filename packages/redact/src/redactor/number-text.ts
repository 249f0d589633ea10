/**
 * From 1e21 on, a number prints in exponent form (`1e+21`): no detector reads a card or an
 * id from that, and none is that long.
 */
const EXPONENT_FORM = 1e21;

/**
 * The text a number is scanned as: the decimal digits of an integer or a BigInt, as
 * `JSON.stringify` and a CSV writer print them, so a number and its text are found alike.
 * Undefined for fractions, `NaN`, infinities and integers printed in exponent form:
 * amounts and measurements, never a card, phone or id number.
 */
export function integerText(value: number | bigint): string | undefined {
  if (typeof value === 'bigint') return value.toString();
  if (!Number.isInteger(value) || Math.abs(value) >= EXPONENT_FORM) return undefined;
  return String(value);
}
