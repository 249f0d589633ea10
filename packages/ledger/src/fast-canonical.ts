import { isSecretValue } from '@pm/envelope-schemas/core';
import { LayoutMap } from './layout-map.js';

interface WellFormed {
  isWellFormed(): boolean;
}

const MAX_DEPTH = 256;

/**
 * How to write the members of one object layout canonically: the order to visit them in
 * and each member's `,"name":` prefix.
 */
interface Shape {
  /** Indexes into `keys`, in RFC 8785 order (UTF-16 code units). */
  readonly order: readonly number[];
  /** `{"name":` for the first member in canonical order, `,"name":` for the others. */
  readonly prefixes: readonly string[];
  /** True once a record with this shape passed the secret scan: its names need no rescan. */
  scanned: boolean;
}

/**
 * The hot path of `append`: RFC 8785 canonical JSON of a value in one pass, collecting the
 * strings a secret scan must see. Returns null, without throwing, as soon as the value is
 * not already plain JSON (a `toJSON`, a secret wrapper, `undefined`, a class instance,
 * `NaN`, a lone surrogate…): the caller then takes the slow path that normalises a copy.
 * Output is identical to `canonicalJson` whenever it is not null.
 *
 * Records of one run repeat a few object layouts, so each layout's sorted member names
 * and their encodings are worked out once and remembered: sorting and escaping member
 * names per record was most of the cost. Member names of a remembered layout are left out
 * of `strings` once a record with that layout was scanned clean ({@link markScanned}).
 */
export class CanonicalEncoder {
  private readonly shapes = new LayoutMap<Shape>();
  /** Shapes used by the value being encoded whose names were handed out for scanning. */
  private readonly unscanned: Shape[] = [];

  /** Canonical JSON of `value`, or null when it is not plain JSON. */
  encode(value: unknown, strings: string[]): string | null {
    this.unscanned.length = 0;
    return this.visit(value, strings, 0);
  }

  /** The strings of the last value encoded were scanned and found clean. */
  markScanned(): void {
    for (let i = 0; i < this.unscanned.length; i++) this.unscanned[i]!.scanned = true;
    this.unscanned.length = 0;
  }

  private visit(value: unknown, strings: string[], depth: number): string | null {
    switch (typeof value) {
      case 'string':
        if (!(value as unknown as WellFormed).isWellFormed()) return null;
        strings.push(value);
        return JSON.stringify(value);
      case 'number':
        // Number-to-string is what RFC 8785 (and JSON.stringify) use for finite numbers.
        return Number.isFinite(value) ? `${value}` : null;
      case 'boolean':
        return value ? 'true' : 'false';
      case 'object':
        if (value === null) return 'null';
        if (depth >= MAX_DEPTH) return null;
        if (Array.isArray(value)) return this.visitArray(value, strings, depth);
        return this.visitObject(value, strings, depth);
      default:
        return null;
    }
  }

  private visitArray(value: unknown[], strings: string[], depth: number): string | null {
    // The same gate as objects: an array subclass, an array with a `toJSON` or a secret
    // wrapper built on an array serialises to something other than its items (a wrapper's
    // `[REDACTED]`), which only the slow path honours. Writing the items would leak them.
    if (Object.getPrototypeOf(value) !== Array.prototype) return null;
    if (isSecretValue(value) || 'toJSON' in value) return null;
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const item = this.visit(value[i], strings, depth + 1);
      if (item === null) return null;
      out += i === 0 ? item : `,${item}`;
    }
    return `${out}]`;
  }

  private visitObject(value: object, strings: string[], depth: number): string | null {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return null;
    if (isSecretValue(value) || 'toJSON' in value) return null;
    const keys = Object.keys(value);
    if (keys.length === 0) return '{}';
    const shape = this.shapeOf(keys);
    if (shape === null) return null;
    if (!shape.scanned) {
      for (let i = 0; i < keys.length; i++) strings.push(keys[i]!);
      this.unscanned.push(shape);
    }
    let out = '';
    for (let i = 0; i < shape.order.length; i++) {
      const at = shape.order[i]!;
      const item = this.visit((value as Record<string, unknown>)[keys[at]!], strings, depth + 1);
      if (item === null) return null;
      out += shape.prefixes[i]! + item;
    }
    return `${out}}`;
  }

  /** The remembered shape for these member names, made on first sight; null for a lone surrogate. */
  private shapeOf(keys: string[]): Shape | null {
    const known = this.shapes.get(keys);
    if (known !== undefined) return known;
    for (let i = 0; i < keys.length; i++) {
      if (!(keys[i] as unknown as WellFormed).isWellFormed()) return null;
    }
    const order = keys.map((_, i) => i).sort((a, b) => compareCodeUnits(keys[a]!, keys[b]!));
    const prefixes = order.map((at, i) => `${i === 0 ? '{' : ','}${JSON.stringify(keys[at])}:`);
    const shape: Shape = { order, prefixes, scanned: false };
    this.shapes.set(keys, shape);
    return shape;
  }
}

/** RFC 8785 orders member names by their UTF-16 code units, as `<` on strings does. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
