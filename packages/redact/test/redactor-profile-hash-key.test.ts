import { isPmError } from '@pm/envelope-schemas';
import { describe, expect, it } from 'vitest';
import { buildDisclosure, createRedactor, sampleRows } from '../src/index.js';
import { samplesApproval } from './helpers/samples-approval.js';

const rows = [{ email: 'ann@example.com', amount: 12 }];
const key = 'k'.repeat(32);

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('a hashKey beside a Redactor profile is refused, not silently ignored', () => {
  const redactor = createRedactor({ profile: 'hashed-retail', hashKey: 'r'.repeat(32) });

  it.each([
    ['buildDisclosure', () => buildDisclosure(rows, { level: 1, profile: redactor, hashKey: key })],
    [
      'sampleRows',
      () => sampleRows(rows, { n: 1, approval: samplesApproval, profile: redactor, hashKey: key }),
    ],
  ])('%s', (fn, call) => {
    const error = thrown(call);
    expect(isPmError(error) && error.code).toBe('INVALID_ARGUMENT');
    expect((error as Error).message).toContain(`${fn}: hashKey must be left out`);
    expect((error as Error).message).not.toContain(key);
  });

  it('a profile name still takes its key', () => {
    const result = sampleRows(rows, {
      n: 1,
      approval: samplesApproval,
      profile: 'hashed-retail',
      hashKey: key,
    });
    expect(result.rows).toHaveLength(1);
    expect(JSON.stringify(result.rows)).not.toContain('ann@example.com');
  });
});
