import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isPmError, PmError } from '@pm/envelope-schemas';
import { describe, expect, it } from 'vitest';
import {
  BudgetExceededError,
  BudgetStoreUnavailableError,
  CallCancelledError,
  CallLimitExceededError,
  InvalidArgumentError,
  OptionalDependencyMissingError,
  ReservationClosedError,
  RuntimeExceededError,
  UnknownModelError,
  UnknownModelPriceError,
} from '../src/index.js';

describe('errors', () => {
  const cases: [Error, string][] = [
    [
      new BudgetExceededError({
        scope: 'run',
        scopeKey: 'run:x',
        metric: 'usd',
        limit: 1,
        requested: 2,
        spent: 0.5,
        reserved: 0,
        remaining: 0.5,
      }),
      'BUDGET_EXCEEDED',
    ],
    [new BudgetStoreUnavailableError('reserve', 2000), 'BUDGET_STORE_UNAVAILABLE'],
    [new CallCancelledError(), 'CALL_CANCELLED'],
    [new CallLimitExceededError('input tokens', 10, 5, 'Send less.'), 'CALL_LIMIT_EXCEEDED'],
    [
      new InvalidArgumentError('maxOutputTokens must be a non-negative integer; got -1.'),
      'INVALID_ARGUMENT',
    ],
    [
      new OptionalDependencyMissingError('ioredis', 'npm install ioredis'),
      'OPTIONAL_DEPENDENCY_MISSING',
    ],
    [new ReservationClosedError('r1', 'settle', 'release'), 'RESERVATION_CLOSED'],
    [new RuntimeExceededError(30, new Date(0)), 'RUNTIME_EXCEEDED'],
    [new UnknownModelError('m'), 'UNKNOWN_MODEL'],
    [new UnknownModelPriceError('m'), 'UNKNOWN_MODEL_PRICE'],
  ];

  it.each(cases)('%s is a PmError with its code and its own name', (error, code) => {
    expect(error).toBeInstanceOf(PmError);
    expect(isPmError(error)).toBe(true);
    expect((error as PmError).code).toBe(code);
    expect(error.name).toBe(error.constructor.name);
    expect(error.message.length).toBeGreaterThan(20);
  });

  it('instanceof matches by code, so a copy of the class from the other entry or install still matches', () => {
    const foreign = new PmError('BUDGET_STORE_UNAVAILABLE', 'from another bundle of @pm/budget');
    expect(foreign).toBeInstanceOf(BudgetStoreUnavailableError);
    expect(foreign).not.toBeInstanceOf(BudgetExceededError);
    expect(new Error('x')).not.toBeInstanceOf(BudgetStoreUnavailableError);
  });
});

describe('entries', () => {
  const src = fileURLToPath(new URL('../src/', import.meta.url));
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
      d.isDirectory() ? files(join(dir, d.name)) : [join(dir, d.name)],
    );

  it('the core entry never imports ioredis or the redis subpath; index.ts and redis.ts only re-export', () => {
    for (const file of files(src)) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/^import[^\n]*from ['"]ioredis['"]/m);
    }
    const index = readFileSync(join(src, 'index.ts'), 'utf8');
    expect(index).not.toMatch(/redis/);
    for (const entry of ['index.ts', 'redis.ts']) {
      const lines = readFileSync(join(src, entry), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '');
      const body = lines
        .join('\n')
        .replace(/export (type )?\{[^}]*\} from '[^']+';/g, '')
        .replace(/export \* from '[^']+';/g, '');
      expect(body.trim(), entry).toBe('');
    }
  });
});
