import { ISO_DATE } from './parse-time.js';

/** The type of a column as level 1 reports it. */
export type ColumnType =
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'date'
  | 'object'
  | 'mixed'
  | 'empty';

/** The type of one (non-missing) value. Numeric strings count as numbers: CSV gives only strings. */
export function valueType(value: unknown): ColumnType {
  switch (typeof value) {
    case 'number':
      return Number.isInteger(value) ? 'integer' : 'number';
    case 'bigint':
      return 'integer';
    case 'boolean':
      return 'boolean';
    case 'string': {
      // Shape only: a typo'd day (`2024-02-30`) leaves a date column a date column, and
      // the time range skips it.
      if (ISO_DATE.test(value)) return 'date';
      if (value.length <= 24 && value.trim() !== '' && Number.isFinite(Number(value))) {
        return /^-?\d+$/.test(value.trim()) ? 'integer' : 'number';
      }
      if (value === 'true' || value === 'false') return 'boolean';
      return 'string';
    }
    case 'object':
      return value instanceof Date ? 'date' : 'object';
    default:
      return 'mixed';
  }
}

/** Combines two types seen in one column: integer + number is number; anything else differing is mixed. */
export function mergeTypes(a: ColumnType, b: ColumnType): ColumnType {
  if (a === b || b === 'empty') return a;
  if (a === 'empty') return b;
  if ((a === 'integer' && b === 'number') || (a === 'number' && b === 'integer')) return 'number';
  return 'mixed';
}

/** A missing value: absent, null, or an empty/blank string. */
export function isMissing(value: unknown): boolean {
  return (
    value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
  );
}
