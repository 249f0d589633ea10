import type { LLMRun } from '@pm/llm-client';

/** One governed call of a command, named for the dry-run table. */
export interface NamedRequest {
  name: string;
  request: Parameters<LLMRun['estimate']>[0];
}

/** What `--dry-run` prints: per call and in total; nothing is sent. */
export interface EstimateResult {
  calls: {
    name: string;
    inputTokens: number;
    maxOutputTokens: number;
    worstCaseCostUsd: number | null;
    /** `allowed`, or the policy's refusal code: the real run would stop there (exit 4). */
    policy: string;
  }[];
  totalWorstCaseUsd: number;
  maxCostUsd: number;
}

export async function estimateCalls(
  run: LLMRun,
  requests: readonly NamedRequest[],
  maxCostUsd: number,
): Promise<EstimateResult> {
  const calls: EstimateResult['calls'] = [];
  for (const { name, request } of requests) {
    const estimate = await run.estimate(request);
    calls.push({
      name,
      inputTokens: estimate.inputTokens,
      maxOutputTokens: estimate.maxOutputTokens,
      worstCaseCostUsd: estimate.worstCaseCostUsd ?? null,
      policy: estimate.policy.allowed ? 'allowed' : estimate.policy.code,
    });
  }
  const totalWorstCaseUsd = calls.reduce((sum, c) => sum + (c.worstCaseCostUsd ?? 0), 0);
  return { calls, totalWorstCaseUsd, maxCostUsd };
}

export function formatEstimate(result: EstimateResult): string {
  const usd = (n: number | null) => (n === null ? 'unknown price' : `$${n.toFixed(6)}`);
  return [
    ...result.calls.map(
      (c) =>
        `  ${c.name}: ${c.inputTokens} input tokens + up to ${c.maxOutputTokens} output, worst case ${usd(c.worstCaseCostUsd)}${c.policy === 'allowed' ? '' : ` (refused: ${c.policy})`}`,
    ),
    `Total worst case: ${usd(result.totalWorstCaseUsd)} (run cap $${result.maxCostUsd.toFixed(2)})`,
  ].join('\n');
}
