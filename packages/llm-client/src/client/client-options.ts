import type {
  AlertFractions,
  BudgetStore,
  PeriodLimits,
  PriceTable,
  RateLimiterOptions,
  RetryOptions,
} from '@pm/budget';
import type {
  ApprovalDecisionV1,
  ApprovalScope,
  AutomationPolicyV1,
  RedactionProfileV1,
  RequestEnvelopeV1,
  SecretValue,
} from '@pm/envelope-schemas';
import type { DurabilityOption, LedgerSigner } from '@pm/ledger';
import type { BuiltinProfileName } from '@pm/redact';
import type { LLMProvider } from '../provider/provider.js';
import type { LLMEvent } from './events.js';

/**
 * What the host's approver sees for a gated call: ids, sizes and the envelope, never secrets.
 * A deep frozen copy: changing it throws (the call is then denied) and can never change the
 * scopes checked, the prompt sent or the envelope recorded.
 */
export interface ApprovalRequest {
  runId: string;
  stage: string;
  requestId: string;
  model: string;
  provider: string;
  /** What needs approving: `call`, `samples` (disclosure level 5) and/or `action`. */
  scopes: readonly ApprovalScope[];
  envelope: RequestEnvelopeV1;
  estimate: { inputTokens: number; maxOutputTokens: number; worstCaseCostUsd: number };
  /** The redacted prompt as it would be sent. */
  messages: readonly { role: string; content: string }[];
}

/** Budget settings; the policy's `max_cost_usd` and `max_runtime_minutes` always apply too. */
export interface ClientBudgetOptions {
  /** Per-run caps beyond the policy's: tokens, requests, a lower USD cap, per-call ceilings. */
  limits?: {
    tokens?: number;
    usd?: number;
    requests?: number;
    maxInputTokensPerCall?: number;
    maxOutputTokensPerCall?: number;
  };
  /** Calendar caps (day, month) shared through `store`. */
  period?: PeriodLimits;
  /** Alert tiers; default 50/80/95% and exhausted. */
  alerts?: AlertFractions | false;
  /** Counters' home: memory (default) or `redisStore()` from `@pm/budget/redis` for many processes. */
  store?: BudgetStore;
  /** Prices; default the shipped table. */
  prices?: PriceTable;
  /**
   * How long a reservation may be held before the store presumes its holder dead and books
   * it as spent at its worst case (never as free budget). Default 10 minutes.
   */
  reservationTtlMs?: number;
}

/** Options of `createLLMClient`. Every one is optional: the default is fully offline. */
export interface LLMClientOptions {
  /** The provider; default the offline stub (nothing leaves the process). */
  provider?: LLMProvider;
  /** The automation policy (validated); default a local policy with a $5 / 60-minute run cap. */
  policy?: AutomationPolicyV1 | unknown;
  budget?: ClientBudgetOptions;
  /** Redaction profile and options; default `homebrew@1`. */
  redaction?: {
    profile?: BuiltinProfileName | RedactionProfileV1;
    /**
     * HMAC key for hashing profiles (`hashed-retail`), e.g. a `SecretValue` from your secret
     * store (revealed only by the redactor); never recorded.
     */
    hashKey?: string | Uint8Array | SecretValue;
    hashFields?: readonly string[];
    dropFields?: readonly string[];
  };
  /** Where ledgers go and how durable appends are. Default `./.pm-ledger`, `batch`. */
  ledger?: { dir?: string; durability?: DurabilityOption; signer?: LedgerSigner };
  /**
   * Decides gated calls. Without it every gated call is denied (fail closed). `signal` aborts
   * when the call is cancelled or the run's deadline passes: the call has then failed, and an
   * approver waiting on a person can stop asking.
   */
  approve?: (
    request: ApprovalRequest,
    context: { signal: AbortSignal },
  ) => Promise<ApprovalDecisionV1> | ApprovalDecisionV1;
  /** Stages that always need approval in `hybrid` mode, besides the defaults (docs/policy.md). */
  approvalStages?: readonly string[];
  /**
   * Origins the provider may reach. Default: the provider's own origins in `local` mode; in
   * `cloud`/`hybrid` mode only `gateway`. A provider origin not on the list is refused.
   */
  egress?: { allow?: readonly string[]; gateway?: string };
  /**
   * Folder of prompt templates (`<id>@<version>.md`), used besides the shipped ones (a file
   * of a shipped `id@version` takes its place); unreadable, `startRun` is `INVALID_ARGUMENT`.
   */
  templates?: string;
  /**
   * Receives events (ids, counts, codes; never prompt text or secrets). Called synchronously;
   * a hook that throws or rejects is ignored and never changes a call's outcome or records.
   */
  onEvent?: (event: LLMEvent) => void;
  /**
   * Kill switch: `false` replaces a remote provider by the offline one (the result says
   * `offline: true`; replay and other providers that send nothing stay); anything but a
   * boolean is `INVALID_ARGUMENT`. The environment variable
   * `PM_LLM_OFFLINE` does the same when set to anything but empty, `0`, `false`, `no` or `off`
   * (`1`, `true`, `yes`, `on`, and unrecognised values: the switch fails closed). `true`
   * cannot switch remote calls back on when `PM_LLM_OFFLINE` switched them off.
   */
  enabled?: boolean;
  /** `offline` degrades to the offline provider after the last failed attempt (the result says so); default `fail`. */
  onUnavailable?: 'fail' | 'offline';
  /** Bounded retries; default 3 attempts, 500 ms base, 20 s cap, `Retry-After` honoured up to 60 s. */
  retry?: Pick<RetryOptions, 'attempts' | 'baseMs' | 'maxMs' | 'maxRetryAfterMs'>;
  /** Client-side rate limits; none by default. */
  rateLimit?: RateLimiterOptions;
  /**
   * A further environment to read `PM_LLM_OFFLINE` from, besides `process.env`, which is
   * always read. Either one switches remote calls off; neither turns them back on: with
   * `PM_LLM_OFFLINE=1` in `process.env` (the operator's kill switch) calls stay offline
   * whatever this holds (`{}`, `PM_LLM_OFFLINE: '0'`), while a host may switch offline on
   * through it alone (decision 0037). Read once, when the client is created.
   */
  env?: Readonly<Record<string, string | undefined>>;
}
