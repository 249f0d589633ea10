import { InvalidLedgerArgumentError } from './errors/invalid-ledger-argument-error.js';

/**
 * RFC 8785 (JSON Canonicalization Scheme) serialisation of a JSON value.
 *
 * - Object members are sorted by the UTF-16 code units of their names (what the default
 *   `Array.prototype.sort` does for strings), with no whitespace anywhere.
 * - Numbers use the ECMAScript `Number.prototype.toString` form, which is exactly what
 *   RFC 8785 §3.2.2.3 prescribes and what `JSON.stringify` emits for finite numbers.
 * - Strings use `JSON.stringify`'s escaping (`\b \t \n \f \r \" \\`, other controls as
 *   lowercase `\u00xx`), identical to RFC 8785 §3.2.2.2 for well-formed strings.
 *
 * Only plain JSON values are accepted: `null`, booleans, finite numbers, well-formed
 * strings, arrays and plain objects. Anything else (`undefined`, `NaN`, `Infinity`,
 * bigint, functions, symbols, lone surrogates, cycles) throws, so two implementations can
 * never disagree about a value one of them silently dropped.
 */
export function canonicalJson(value: unknown): string {
  return serialise(value, 0);
}

/** Deep enough for any real record, shallow enough that a cycle fails fast and clearly. */
const MAX_DEPTH = 256;

function serialise(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      return canonicalString(value);
    case 'number':
      if (!Number.isFinite(value)) {
        throw new InvalidLedgerArgumentError(
          `Cannot canonicalise the number ${value}: JSON has no NaN or Infinity. Record it as null or a string.`,
        );
      }
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (depth >= MAX_DEPTH) {
        throw new InvalidLedgerArgumentError(
          `Cannot canonicalise a value nested deeper than ${MAX_DEPTH} levels (is it cyclic?). Flatten it.`,
        );
      }
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          out += serialise(value[i], depth + 1);
        }
        return `${out}]`;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new InvalidLedgerArgumentError(
          `Cannot canonicalise a ${proto?.constructor?.name ?? 'non-plain'} object: only plain objects and arrays are JSON. Convert it first.`,
        );
      }
      const keys = Object.keys(value).sort();
      let out = '{';
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i]!;
        if (i > 0) out += ',';
        out += canonicalString(key);
        out += ':';
        out += serialise((value as Record<string, unknown>)[key], depth + 1);
      }
      return `${out}}`;
    }
    default:
      throw new InvalidLedgerArgumentError(
        `Cannot canonicalise a value of type ${typeof value}: only JSON values can be ledgered.`,
      );
  }
}

interface WellFormedString {
  isWellFormed(): boolean;
}

/** A canonical JSON string literal; throws on lone surrogates (not representable in I-JSON). */
export function canonicalString(value: string): string {
  if (!(value as unknown as WellFormedString).isWellFormed()) {
    throw new InvalidLedgerArgumentError(
      'Cannot canonicalise a string with a lone UTF-16 surrogate (RFC 8785 requires well-formed Unicode). Replace it with U+FFFD first.',
    );
  }
  return JSON.stringify(value);
}
