import { isSecretValue } from '@pm/envelope-schemas';

interface WellFormed {
  isWellFormed(): boolean;
}

const MAX_DEPTH = 256;

/**
 * The hot path of `append`: RFC 8785 canonical JSON of `value` in one pass, collecting
 * every string and member name into `strings` (for one secret scan over them all).
 * Returns null, without throwing, as soon as the value is not already plain JSON (a
 * `toJSON`, a secret wrapper, `undefined`, a class instance, `NaN`, a lone surrogate…):
 * the caller then takes the slow path that normalises a copy. Output is identical to
 * `canonicalJson` whenever it is not null.
 */
export function fastCanonical(value: unknown, strings: string[]): string | null {
  return visit(value, strings, 0);
}

function visit(value: unknown, strings: string[], depth: number): string | null {
  switch (typeof value) {
    case 'string':
      if (!(value as unknown as WellFormed).isWellFormed()) return null;
      strings.push(value);
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : null;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (depth >= MAX_DEPTH) return null;
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          const item = visit(value[i], strings, depth + 1);
          if (item === null) return null;
          out += i === 0 ? item : `,${item}`;
        }
        return `${out}]`;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return null;
      if (isSecretValue(value)) return null;
      if ('toJSON' in value) return null;
      const keys = Object.keys(value).sort();
      let out = '{';
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i]!;
        if (!(key as unknown as WellFormed).isWellFormed()) return null;
        const item = visit((value as Record<string, unknown>)[key], strings, depth + 1);
        if (item === null) return null;
        strings.push(key);
        out += `${i === 0 ? '' : ','}${JSON.stringify(key)}:${item}`;
      }
      return `${out}}`;
    }
    default:
      return null;
  }
}
