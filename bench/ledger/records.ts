import { createHash } from 'node:crypto';
import type { AppendInput } from '../../packages/ledger/src/index.js';

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
  return {
    type: 'response',
    stage: 'draft-narrative',
    data: {
      request_id: `req-${n}`,
      output_artifact: `artifact://sha256:${hex}`,
      model: 'gpt-5.2-codex',
      usage: {
        input_tokens: 812 + (n % 97),
        cached_input_tokens: 0,
        output_tokens: 240,
        reasoning_tokens: 64,
      },
      cost_usd: 0.004781,
      attempts: 1,
      latency_ms: 812.5,
      finish_reason: 'stop',
      valid: true,
    },
  };
}
