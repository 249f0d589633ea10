import { createHash } from 'node:crypto';
import { canonicalJson } from '@pm/ledger';
import type { ProviderCallRequest } from '../provider/provider.js';

/**
 * The content hash of what a call sends: model, messages, output ceiling, effort and response
 * format (canonical JSON, SHA-256). Replay looks recorded outputs up by it, so it leaves out
 * everything that differs between a run and its replay (run id, request id, time). The effort
 * is the one asked for, even when the provider sends none (decision 0010): recordings made
 * before that decision keep their keys.
 */
export function requestHash(request: ProviderCallRequest): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        model: request.model,
        messages: request.messages,
        max_output_tokens: request.maxOutputTokens,
        reasoning_effort: request.reasoningEffort,
        response_format: request.responseFormat ?? null,
      }),
    )
    .digest('hex');
}
