import { canonicalJson } from '../../src/canonical-json.js';
import { GENESIS_PREV } from '../../src/hash-chain.js';
import { encodeRecord } from '../../src/record-line.js';

/**
 * Writes records around the ledger API, with a valid hash chain: what a tamperer who
 * knows the format (or a buggy writer) produces. Returns the lines (with `\n`).
 */
export function craftChain(
  runId: string,
  records: { type: string; stage?: string | null; data: unknown }[],
  prev = GENESIS_PREV,
  firstSeq = 0,
): string[] {
  const lines: string[] = [];
  let head = prev;
  records.forEach((record, i) => {
    const { line, hash } = encodeRecord({
      run_id: runId,
      seq: firstSeq + i,
      ts: '2026-11-22T09:30:00.000Z',
      type: record.type,
      stage: record.stage ?? null,
      dataJson: canonicalJson(record.data),
      prev: head,
    });
    lines.push(line);
    head = hash;
  });
  return lines;
}
