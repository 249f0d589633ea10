import type { ReasoningEffort, TokenUsageV1 } from '@pm/envelope-schemas';

/** One message of a rendered prompt. */
export type PromptMessage = {
  role: 'system' | 'user';
  content: string;
};

/** A structured-output request: the output must be JSON following `schema`. */
export interface ResponseFormat {
  /** Schema name as the provider sees it, e.g. `next_command`. */
  name: string;
  /** JSON Schema (draft 2020-12 subset) the output must follow. */
  schema: Record<string, unknown>;
}

/** What the pipeline asks a provider to do for one attempt. */
export interface ProviderCallRequest {
  /** Correlates the attempt with its ledger records. */
  requestId: string;
  model: string;
  /** The redacted, rendered prompt. */
  messages: readonly PromptMessage[];
  /** Output-token ceiling; the reservation holds exactly this many. */
  maxOutputTokens: number;
  /**
   * The effort the caller asked for (default `medium`). What reaches the model is the
   * provider's to say (`LLMProvider.sentReasoningEffort`); the request hash keeps this one.
   */
  reasoningEffort: ReasoningEffort;
  /** Present for `generateObject`. */
  responseFormat?: ResponseFormat;
  /** The template the prompt was rendered from (the offline provider answers per template). */
  template?: { id: string; version: number };
  /** The data blocks the prompt carries, as structured values (the offline provider renders from them). */
  context?: Readonly<Record<string, unknown>>;
  /** Aborts the attempt (run deadline, timeout). */
  signal?: AbortSignal;
}

/** What a provider returns for one successful attempt. */
export interface ProviderCallResult {
  /** The output text (JSON text for structured output). */
  text: string;
  /**
   * The model that answered, as reported: a model name (1-128 letters, digits, `.`, `_`,
   * `:`, `/` or `-`, starting with a letter or digit), as the ledger records it; anything
   * else fails the call with `INTERNAL_ERROR` naming the provider.
   */
  model: string;
  /**
   * Usage as reported; `undefined` when the provider did not report it. A usage without
   * all four counts as non-negative integers counts as not reported: the call is booked at
   * its worst case (`usageEstimated: true`).
   */
  usage: TokenUsageV1 | undefined;
  finishReason?: string;
}

/** An endpoint a provider can reach, for `client.describe()`. */
export interface ProviderEndpoint {
  /** Origin, e.g. `https://api.openai.com`. */
  origin: string;
  /** What it is used for. */
  purpose: string;
}

/** What a provider says about itself: never a secret value. */
export interface ProviderDescription {
  name: string;
  /** Whether calls leave the process. */
  remote: boolean;
  endpoints: readonly ProviderEndpoint[];
  /** Where the credential comes from (`env:OPENAI_API_KEY`, `secret-provider`), or `none`. */
  credentialSource: string;
}

/** What the pipeline gives a provider for each call. */
export interface ProviderCallContext {
  /** The egress-guarded fetch: remote providers must use it and no other. */
  fetch: typeof fetch;
}

/**
 * A model provider. The pipeline owns policy, budget, ledger and retries; a provider makes
 * exactly one attempt per `call` and reports failures as `ProviderUnavailableError`.
 */
export interface LLMProvider {
  readonly name: string;
  /** Whether calls leave the process (false for offline and replay). */
  readonly remote: boolean;
  /** Origins the provider needs on the egress allowlist. */
  readonly origins: readonly string[];
  describe(): ProviderDescription;
  /**
   * Refuses a request the provider can never serve (e.g. a schema its strict mode rejects),
   * before any reservation or egress, by throwing a `PmError`, which fails the call as it is.
   * Anything else it throws (as `sentReasoningEffort` may) fails the call with
   * `INTERNAL_ERROR` naming the provider and the hook. Optional.
   */
  checkRequest?(request: ProviderCallRequest): void;
  /**
   * The reasoning effort `call` sends the model for `request`, or `undefined` when it sends
   * none (a model that takes none). The request envelope records this answer, and it is
   * written before the call, so it must be what `call` will do: compute both from one
   * function. Optional: without it the requested `reasoningEffort` is recorded, which is
   * right for a provider that passes it on. May return a promise (the replay provider reads
   * its recording).
   */
  sentReasoningEffort?(
    request: ProviderCallRequest,
  ): ReasoningEffort | undefined | Promise<ReasoningEffort | undefined>;
  call(request: ProviderCallRequest, context: ProviderCallContext): Promise<ProviderCallResult>;
  /**
   * The provider one run uses, for a provider that keeps state per run (replay: which of
   * the recorded answers the run has had). Each `startRun` calls it once, and the run calls
   * only what it returns. Optional: without it every run uses this provider itself.
   */
  forRun?(runId: string): LLMProvider;
}
