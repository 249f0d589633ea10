import { createLLMClient, type LLMClient } from '@pm/llm-client';
import { openaiProvider } from '@pm/llm-client/openai';
import { ALLOWED_MODELS, type CliArgs } from './cli-args.js';

/**
 * The CLI's one client. Spec 000 §3's controls: the run's hard USD stop (`max_cost_usd`), a
 * token budget per run, a per-call output ceiling, a request rate, and a ledger per run.
 */
export function createCliClient(args: CliArgs): LLMClient {
  return createLLMClient({
    // Offline is the SDK's default provider; OpenAI only when the user has not asked for offline.
    ...(args.offline ? {} : { provider: openaiProvider({ baseURL: args.baseUrl }) }),
    policy: {
      schema_version: '1',
      policy_id: 'pm-assist-cli',
      execution_mode: 'local',
      requires_approval: false,
      max_cost_usd: args.maxCostUsd,
      max_runtime_minutes: 10,
      allowed_models: [...ALLOWED_MODELS],
      run_windows: ['daily:00:00-24:00'],
    },
    budget: { limits: { tokens: 50_000, maxOutputTokensPerCall: 1_000 } },
    rateLimit: { requestsPerMinute: 60 },
    ledger: { dir: args.ledgerDir },
  });
}
