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

/**
 * The scalar an object stands for, for a hash field: a boxed primitive's primitive, else
 * what its `toJSON` returns (a Date's ISO text, a database id's hex); `value` itself when
 * neither applies or host code throws (the walk then marks it). Walked as an object, a
 * Date or an id under a hash field came out in clear instead of hashed.
 */
export function scalarOf(value: object): unknown {
  try {
    const primitive = unbox(value);
    if (primitive !== value) return primitive;
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    return typeof toJSON === 'function' ? toJSON.call(value, '') : value;
  } catch {
    return value;
  }
}
