import { describe, expect, it } from 'vitest';
import {
  buildDisclosure,
  describeEventLog,
  describeTable,
  type Row,
  sampleRows,
} from '../src/index.js';
import { samplesApproval } from './helpers/samples-approval.js';

// A source that fails (a file cut short, a dropped cursor) is the host's failure: its own
// error reaches the host unchanged, as from Array.from or for-await, so it can tell a full
// disk from a parse error. Wrapped, its message (which may quote a line of data) would
// also end up in a PmError the host might log as the SDK's.
class SourceBroke extends Error {}

function* failingRows(): Generator<Row> {
  yield { c: 1, a: 'x', t: '2024-01-01' };
  throw new SourceBroke('line 2 is cut short');
}

async function* failingStream(): AsyncGenerator<Row> {
  yield { c: 1, a: 'x', t: '2024-01-01' };
  throw new SourceBroke('line 2 is cut short');
}

const roles = { caseId: 'c', activity: 'a', timestamp: 't' };
const ladder: Array<[string, (rows: Iterable<Row> | AsyncIterable<Row>) => unknown]> = [
  ['describeTable', (rows) => describeTable(rows)],
  ['describeEventLog', (rows) => describeEventLog(rows, roles)],
  ['buildDisclosure', (rows) => buildDisclosure(rows, { level: 4, profile: 'strict', roles })],
  ['sampleRows', (rows) => sampleRows(rows, { n: 2, approval: samplesApproval })],
];

describe("a row source that fails mid-way fails the call with the host's own error", () => {
  for (const [name, run] of ladder) {
    it(`${name}: thrown from an iterable, rejected from an async iterable`, async () => {
      const thrown = (() => {
        try {
          run(failingRows());
        } catch (e) {
          return e;
        }
      })();
      expect(thrown).toBeInstanceOf(SourceBroke);
      await expect(run(failingStream())).rejects.toBeInstanceOf(SourceBroke);
    });
  }
});
