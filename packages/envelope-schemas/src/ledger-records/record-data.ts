import { z } from 'zod';
import { ApprovalDecisionV1 } from '../approval/approval-decision-v1.js';
import { AutomationPolicyV1 } from '../automation-policy/automation-policy-v1.js';
import { ArtifactRef, ModelName, Sha256Hex, StageName } from '../common/identifiers.js';
import { recordOf } from '../common/record-of.js';
import { RequestEnvelopeV1 } from '../request-envelope/request-envelope-v1.js';
import { TokenUsageV1 } from './usage.js';

const Count = z.int().min(0);
const Usd = z.number().min(0);
const RequestId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, {
  error: 'must be a request id (letters, digits, ".", "_", ":" or "-")',
});

/** `run_start`: the policy in force and the client configuration, without secrets. */
export const RunStartDataV1 = z.strictObject({
  /** The policy snapshot the run is governed by. */
  policy: AutomationPolicyV1,
  /** Client configuration (provider, endpoints, limits, profile); secrets appear as `[REDACTED]`. */
  config: recordOf(z.string(), z.unknown()),
});

/** `request`: written (and made durable) before any egress. */
export const RequestDataV1 = z.strictObject({
  /** Correlates the request with its approval, response or error records. */
  request_id: RequestId,
  /** The validated request envelope. */
  envelope: RequestEnvelopeV1,
  /** SHA-256 of the canonical request (what replay looks up). */
  request_hash: Sha256Hex,
  /** Provider name, e.g. `offline`, `openai`, `replay`. */
  provider: z.string().min(1).max(64),
  /** Exact input tokens counted before the call. */
  estimated_input_tokens: Count,
  /** Output-token ceiling reserved for the call. */
  max_output_tokens: Count,
  /** Worst-case cost reserved (input + max output), in USD. */
  estimated_cost_usd: Usd,
  /** Findings counts per type from redaction (values are never recorded). */
  redaction_counts: recordOf(z.string(), Count),
});

/** `approval`: a decision on a gated request. */
export const ApprovalDataV1 = z.strictObject({
  /** The request decided on. */
  request_id: RequestId,
  /** The decision as the approver gave it. */
  decision: ApprovalDecisionV1,
});

/** `response`: the outcome of a call that returned. */
export const ResponseDataV1 = z.strictObject({
  /** The request this answers. */
  request_id: RequestId,
  /** The raw output, stored as an artifact. */
  output_artifact: ArtifactRef,
  /** The model that answered, as the provider reported it. */
  model: ModelName,
  /** Token usage. */
  usage: TokenUsageV1,
  /** Actual cost, in USD. */
  cost_usd: Usd,
  /** Attempts made (1 = no retry). */
  attempts: z.int().min(1),
  /** Wall-clock time of the call including retries, in ms. */
  latency_ms: z.number().min(0),
  /** Provider's finish reason, when it gives one. */
  finish_reason: z.string().max(64).optional(),
  /** Whether the output validated against the response schema (false records an invalid output). */
  valid: z.boolean(),
});

/** The step of the call path where a call stopped. */
export const PipelinePhase = z.enum([
  'policy',
  'minimise',
  'redact',
  'render',
  'envelope',
  'estimate',
  'approve',
  'reserve',
  'egress',
  'call',
  'validate',
  'settle',
]);

/** `error`: one per call that did not complete, saying why. */
export const ErrorDataV1 = z.strictObject({
  /** The request, when one was made. */
  request_id: RequestId.optional(),
  /** The error's code (a `PmErrorCode`). */
  code: z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/),
  /** The error's message, scrubbed of secrets. */
  message: z.string().max(4000),
  /** Where in the call path it stopped. */
  phase: PipelinePhase,
  /** Attempts made before giving up, when the provider was called. */
  attempts: z.int().min(0).optional(),
  /**
   * What became of the budget reservation: `none` (nothing was reserved), `released`,
   * `settled`, or `held` (the budget store failed while settling or releasing it: what it
   * did not close stays held and expires into spent at its worst case).
   */
  reservation: z.enum(['none', 'released', 'settled', 'held']),
  /** Usage the provider reported despite the failure (then settled, not released). */
  usage: TokenUsageV1.optional(),
  /**
   * USD booked for the failed call when its reservation was settled: attempts that were or
   * may have been billed (a refusal, a timeout, an unreadable answer). Absent otherwise.
   */
  cost_usd: Usd.optional(),
});

/** `alert`: a budget threshold crossed. */
export const AlertDataV1 = z.strictObject({
  /** `info`, `warning`, `critical` or `exhausted`. */
  level: z.enum(['info', 'warning', 'critical', 'exhausted']),
  /** The budget scope, e.g. `run`, `day:2026-11-22`, `month:2026-11`. */
  scope: z.string().min(1).max(128),
  /** The limit's unit. */
  unit: z.enum(['usd', 'tokens', 'requests', 'runtime_ms']),
  /** Spent (and reserved) when the threshold was crossed, in the unit. */
  spent: z.number().min(0),
  /** The limit, in the unit. */
  limit: z.number().min(0),
  /** The threshold crossed, as a share of the limit (0.5, 0.8, 0.95, 1). */
  threshold: z.number().min(0).max(1),
});

/** `run_end`: the run's figures (spec 000 §3: request count, tokens in/out, models). */
export const RunEndDataV1 = z.strictObject({
  /** Requests made. */
  requests: Count,
  /** Responses received. */
  responses: Count,
  /** Error records written. */
  errors: Count,
  /** Approval records written. */
  approvals: Count,
  /** Estimated input tokens over all requests. */
  estimated_input_tokens: Count,
  /** Reserved output tokens over all requests. */
  estimated_output_tokens: Count,
  /** Actual input tokens. */
  input_tokens: Count,
  /** Actual output tokens. */
  output_tokens: Count,
  /** Actual cost, in USD: responses and the failed calls that were billed (`error` records' `cost_usd`). */
  cost_usd: Usd,
  /** Models called. */
  models: z.array(ModelName),
  /** Stages seen. */
  stages: z.array(StageName),
  /** Run duration, in ms. */
  duration_ms: z.number().min(0),
});

/** `recovered`: a torn last line (crash mid-write) was cut off when the ledger was reopened. */
export const RecoveredDataV1 = z.strictObject({
  /** Bytes dropped from the end of the file. */
  dropped_bytes: z.int().min(1),
  /** SHA-256 of the dropped bytes (the bytes themselves are not kept). */
  dropped_sha256: Sha256Hex,
});
