import { PmError } from '@pm/envelope-schemas';
import type { Ledger } from '@pm/ledger';
import { describe, expect, it } from 'vitest';
import { appendUnlessEnded } from '../src/client/append-unless-ended.js';

const alert = {
  type: 'alert',
  data: { level: 'exhausted', scope: 'run:r', unit: 'usd', spent: 2, limit: 1, threshold: 1 },
} as const;

function ledgerThrowing(error: Error): Ledger {
  return {
    append: () => {
      throw error;
    },
  } as unknown as Ledger;
}

describe('a budget alert for the run ledger', () => {
  it('is dropped when the ledger is closed (a settle after run.end()), or not open yet', () => {
    const closed = new PmError('LEDGER_CLOSED', 'The ledger was closed');
    expect(() => appendUnlessEnded(ledgerThrowing(closed), alert)).not.toThrow();
    expect(() => appendUnlessEnded(undefined, alert)).not.toThrow();
  });

  it('that the ledger refuses for any other reason is thrown, not lost in silence', () => {
    const refused = new PmError('SCHEMA_INVALID', 'alert.spent must be a number');
    expect(() => appendUnlessEnded(ledgerThrowing(refused), alert)).toThrow(refused);
  });
});
