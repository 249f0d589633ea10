import { describe, expect, it } from 'vitest';
import { isPmError, PmError } from '../src/index.js';

describe('PmError', () => {
  it('carries a code, a message, details and the subclass name', () => {
    class ExampleError extends PmError {
      constructor() {
        super('INVALID_ARGUMENT', 'bad option: pass a positive number', {
          details: { option: 'n' },
        });
      }
    }
    const error = new ExampleError();
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.name).toBe('ExampleError');
    expect(error.details).toEqual({ option: 'n' });
    expect(isPmError(error)).toBe(true);
  });

  it('is recognised across duplicate installs through the registered symbol', () => {
    const foreign = Object.assign(new Error('from another copy'), { code: 'BUDGET_EXCEEDED' });
    expect(isPmError(foreign)).toBe(false);
    Object.defineProperty(foreign, Symbol.for('@pm/error'), { value: true });
    expect(isPmError(foreign)).toBe(true);
  });

  it('rejects values that are not @pm errors', () => {
    for (const value of [null, undefined, 'SCHEMA_INVALID', 42, {}, new TypeError('x')]) {
      expect(isPmError(value)).toBe(false);
    }
  });

  it('keeps the cause it is given', () => {
    const cause = new Error('root');
    expect(new PmError('LEDGER_CORRUPT', 'damaged', { cause }).cause).toBe(cause);
  });
});
