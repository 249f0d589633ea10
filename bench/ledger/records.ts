import { createHash } from 'node:crypto';
import type { AppendInput } from '../../packages/ledger/src/index.js';
import { response } from '../../packages/ledger/test/helpers/records.js';

/** How many distinct output artifacts the bench records name (stored before timing). */
export const BENCH_ARTIFACTS = 1000;

/** The content of bench artifact `i`. */
export function artifactContent(i: number): string {
  return `output ${i}`;
}

/**
 * The benchmark's record: a `response` record whose ledger line is ~500-600 bytes.
 * Request ids and usage differ per record, as in a real run; output artifacts rotate
 * through {@link BENCH_ARTIFACTS} stored ones.
 */
export function benchRecord(n: number): AppendInput<'response'> {
  const hex = createHash('sha256')
    .update(artifactContent(n % BENCH_ARTIFACTS))
    .digest('hex');
  const record = response(n, `artifact://sha256:${hex}`);
  record.data.usage.input_tokens += n % 97;
  return record;
}
