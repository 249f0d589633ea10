const toStringTag = Object.prototype.toString;

/**
 * The primitive inside a boxed `String`, `Number`, `Boolean` or `BigInt` (`new
 * String('sk-…')`, `Object(1n)`), or `value` itself. A boxed string walked as an object
 * came out as `{ 0: 's', 1: 'k', … }`: its characters unscanned and easy to join back.
 * The tag only picks the candidate; the type's own `valueOf` (which throws unless the
 * object really wraps that type) decides, so an object claiming `Symbol.toStringTag:
 * 'String'` is walked as the object it is.
 */
export function unbox(value: object): unknown {
  let primitiveOf: (this: unknown) => unknown;
  switch (toStringTag.call(value)) {
    case '[object String]':
      primitiveOf = String.prototype.valueOf;
      break;
    case '[object Number]':
      primitiveOf = Number.prototype.valueOf;
      break;
    case '[object Boolean]':
      primitiveOf = Boolean.prototype.valueOf;
      break;
    case '[object BigInt]':
      primitiveOf = BigInt.prototype.valueOf;
      break;
    default:
      return value;
  }
  try {
    return primitiveOf.call(value);
  } catch {
    return value;
  }
}
