import type { RequestEnvelopeV1, TokenUsageV1 } from '@pm/envelope-schemas';
import type { z } from 'zod';
import type { GenerateOptions } from '../run/llm-run.js';

/** One governed call, as the run's methods describe it to the pipeline. */
export interface CallInput extends GenerateOptions {
  /** For `generateObject`: the zod schema the output must satisfy. */
  schema?: z.ZodType;
  /** Versioned id of the response schema, e.g. `next-command@1`; `text@1` for text. */
  schemaId?: string;
  /** `true` from `generateObject` (a `schema` and `schemaId` required), `false` from `generateText` (no `schema`). */
  structured?: boolean;
}

/** What a completed call returns. */
export interface CallResult<T = unknown> {
  requestId: string;
  /** The output text (JSON text for objects). */
  output: string;
  /** The validated object (generateObject). */
  object: T | undefined;
  usage: {
    inputTokens: number;
    cachedInputTokens: number;
    outputTokens: number;
    reasoningTokens: number;
  };
  /** Whether `usage` was counted here because the provider reported none (billed at the worst case). */
  usageEstimated: boolean;
  /**
   * True when the provider reported more output tokens than `maxOutputTokens`, a ceiling it
   * was sent: inconsistent usage (a provider or gateway bug). It is booked as reported, since
   * it may be billed. A `call.output_above_max` event says so every time, and the
   * `budget.overspend` event and the ledger's `alert` records say so too where it passed
   * the call's reservation (decision 0019).
   */
  outputAboveMax: boolean;
  costUsd: number;
  /**
   * The model that answered, as the provider reported it (the `response` record's `model`).
   * Another than the one asked for (not a dated snapshot of it) raised `call.model_mismatch`
   * and is booked at the dearer of the two (decision 0032).
   */
  model: string;
  envelope: RequestEnvelopeV1;
  artifacts: { prompt: string; output: string };
  provider: string;
  attempts: number;
  /** True when no model was called (offline provider or kill switch). */
  offline: boolean;
  /** True when the provider failed and `onUnavailable: 'offline'` answered instead. */
  degraded: boolean;
  /**
   * Why the model stopped, in Chat Completions' words whichever OpenAI API answered: `stop`,
   * `length` (cut at `maxOutputTokens`: the answer is incomplete), `content_filter`,
   * `tool_calls`; undefined when the provider did not say. Recorded as `finish_reason`.
   */
  finishReason: string | undefined;
  /**
   * Data blocks cut to the 16,000-character cap (`context`, or a template placeholder's
   * name): the model saw only their start, marked `[... truncated ...]`. Empty when none was.
   */
  truncated: readonly string[];
}

/** What `run.estimate` returns: the dry run, nothing sent or written. */
export interface CallEstimate {
  model: string;
  stage: string;
  inputTokens: number;
  /** Whether `inputTokens` is an upper bound (a piece too long to count exactly). */
  approximate: boolean;
  maxOutputTokens: number;
  /** Input plus the full output ceiling at the output price; undefined when the price is unknown. */
  worstCaseCostUsd: number | undefined;
  /** `allowed`, or the code of the policy refusal. */
  policy: { allowed: true } | { allowed: false; code: string; message: string };
  /** Approvals the call would need. */
  approvals: readonly string[];
  envelope: RequestEnvelopeV1;
  provider: string;
  /** Data blocks the prompt would cut to the 16,000-character cap (see `CallResult.truncated`). */
  truncated: readonly string[];
}

/** Converts the ledger's usage shape to the result's. */
export function usageFromLedger(usage: TokenUsageV1): CallResult['usage'] {
  return {
    inputTokens: usage.input_tokens,
    cachedInputTokens: usage.cached_input_tokens,
    outputTokens: usage.output_tokens,
    reasoningTokens: usage.reasoning_tokens,
  };
}
