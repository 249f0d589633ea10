import { createHash } from 'node:crypto';
import { retry } from '@pm/budget';
import {
  type ApprovalDecisionV1,
  approves,
  isPmError,
  PmError,
  parseApprovalDecision,
  parseRequestEnvelope,
  type RequestEnvelopeV1,
  SchemaValidationError,
  type TokenUsageV1,
} from '@pm/envelope-schemas';
import { canonicalJson } from '@pm/ledger';
import { z } from 'zod';
import { ApprovalDeniedError } from '../errors/approval-denied-error.js';
import { OutputValidationError } from '../errors/output-validation-error.js';
import { checkAnsweredModel } from '../policy/check-answered-model.js';
import { checkCallPolicy, checkRunWindow } from '../policy/check-call-policy.js';
import type {
  LLMProvider,
  PromptMessage,
  ProviderCallRequest,
  ProviderCallResult,
  ResponseFormat,
} from '../provider/provider.js';
import { runProviderHook } from '../provider/provider-hook.js';
import { ProviderUnavailableError } from '../provider/provider-unavailable-error.js';
import { findTemplate } from '../template-files.js';
import { renderDataBlock } from '../templates/data-block.js';
import { DEFAULT_MAX_BLOCK_CHARS, renderPrompt } from '../templates/render-prompt.js';
import { thrownKind } from '../thrown-kind.js';
import { approvalScopes } from './approval-scopes.js';
import { approvalShortfall } from './approval-shortfall.js';
import { CallHolds } from './call-holds.js';
import {
  type CallEstimate,
  type CallInput,
  type CallResult,
  usageFromLedger,
} from './call-input.js';
import { linkCallSignal } from './call-signal.js';
import { checkAnswerSize } from './check-answer-size.js';
import { checkCallInput } from './check-call-input.js';
import { checkProviderResult } from './check-provider-result.js';
import { checkStage, isStageName } from './check-stage.js';
import { effectiveDisclosureLevel } from './disclosure-level.js';
import { failureWithoutSecrets } from './failure-without-secrets.js';
import { formatName } from './format-name.js';
import { frozenCopy } from './frozen-copy.js';
import { inputEstimate } from './input-estimate.js';
import { isAbortSignal } from './is-abort-signal.js';
import { otherAnsweredModel } from './other-answered-model.js';
import { outputProblems } from './output-problems.js';
import { pricedUsd } from './priced-usd.js';
import { abortError, raceSignal, throwIfAborted } from './race-signal.js';
import { recordedDecision } from './recorded-decision.js';
import { requestHash } from './request-hash.js';
import type { RunContext } from './run-context.js';
import { sentEffort } from './sent-effort.js';
import { wholeUsage } from './whole-usage.js';

type Phase =
  | 'policy'
  | 'redact'
  | 'render'
  | 'envelope'
  | 'estimate'
  | 'approve'
  | 'reserve'
  | 'call'
  | 'validate'
  | 'settle';

/** Everything steps 1-6 produce: the request as it would be sent, and its estimate. */
interface PreparedCall {
  stage: string;
  requestId: string;
  provider: LLMProvider;
  request: ProviderCallRequest;
  envelope: RequestEnvelopeV1;
  promptRef: string;
  inputTokens: number;
  approximate: boolean;
  worstCaseCostUsd: number | undefined;
  redactionCounts: Record<string, number>;
  schemaId: string;
  /** The declared level, else the context's (a disclosure's; 5 with samples): what gates the call. */
  disclosureLevel: 1 | 2 | 3 | 4 | 5 | undefined;
  /** Data blocks cut to their cap: the host is told, not only the model. */
  truncated: readonly string[];
}

/** The request id of a dry run (`run.estimate`): never a stored call's (`req-0001`, ...). */
const DRY_RUN_REQUEST_ID = 'estimate';

/** The address `putArtifact` would give `content`, for the dry run, which stores nothing. */
function artifactAddress(content: string): string {
  return `artifact://sha256:${createHash('sha256').update(content).digest('hex')}`;
}

function mergeCounts(...all: (Record<string, number> | undefined)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const counts of all)
    for (const [k, v] of Object.entries(counts ?? {})) out[k] = (out[k] ?? 0) + v;
  return out;
}

/**
 * The JSON Schema the provider is asked to answer in. A zod schema that JSON Schema cannot
 * express (`z.date()`, `z.bigint()`, a transform) is the host's to change: `INVALID_ARGUMENT`
 * naming the schema, not an unexpected render failure.
 */
function responseJsonSchema(schema: z.ZodType, schemaId: string): Record<string, unknown> {
  let jsonSchema: Record<string, unknown>;
  try {
    jsonSchema = z.toJSONSchema(schema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  } catch (error) {
    throw new PmError(
      'INVALID_ARGUMENT',
      `The schema of ${schemaId} cannot be sent as JSON Schema (${error instanceof Error ? error.message.slice(0, 200) : 'zod refused it'}). Use types JSON can carry: e.g. z.iso.datetime() instead of z.date(), z.string() or z.number() instead of z.bigint(), and no transforms.`,
      { details: { field: 'schema', schemaId } },
    );
  }
  const { $schema: _drop, ...rest } = jsonSchema;
  return rest;
}

/**
 * Steps 2-6: minimised input redacted, rendered, enveloped, counted and priced. `storedId`
 * is the call's request id, or null for the dry run, which stores nothing.
 */
async function prepare(
  ctx: RunContext,
  call: CallInput,
  provider: LLMProvider,
  storedId: string | null,
  track: (phase: Phase) => void = () => {},
): Promise<PreparedCall> {
  const stage = call.stage ?? ctx.defaultStage;
  const store = storedId !== null;
  const requestId = storedId ?? DRY_RUN_REQUEST_ID;
  const schemaId = call.schemaId ?? 'text@1';
  const disclosureLevel = effectiveDisclosureLevel(call);

  track('redact');
  // 3 redact: the user's text and the context, by the run's profile; values are never kept.
  const input = call.input === undefined ? undefined : ctx.redactor.redactText(call.input);
  const context = call.context === undefined ? undefined : ctx.redactor.redactValue(call.context);
  const redactionCounts = mergeCounts(input?.counts, context?.counts);

  track('render');
  // 4 render: instructions from the template file only; data as fenced blocks.
  const template =
    call.template === undefined ? undefined : findTemplate(ctx.templates, call.template);
  let messages: PromptMessage[];
  let truncated: readonly string[] = [];
  if (template) {
    ({ messages, truncated } = renderPrompt(template, {
      goal: input?.text ?? '',
      level: disclosureLevel ?? 0,
      context: context?.value ?? null,
    }));
  } else {
    const parts = [input?.text ?? ''];
    if (context !== undefined) {
      const block = renderDataBlock('context', context.value, DEFAULT_MAX_BLOCK_CHARS);
      parts.push(block.text);
      if (block.truncated) truncated = ['context'];
    }
    messages = [{ role: 'user', content: parts.filter(Boolean).join('\n\n') }];
  }
  const responseFormat: ResponseFormat | undefined = call.schema
    ? {
        name: formatName(schemaId),
        schema: responseJsonSchema(call.schema, schemaId),
      }
    : undefined;
  const request: ProviderCallRequest = {
    requestId,
    model: call.model,
    messages,
    maxOutputTokens: call.maxOutputTokens,
    reasoningEffort: call.reasoningEffort ?? 'medium',
    ...(responseFormat ? { responseFormat } : {}),
    ...(template ? { template: { id: template.id, version: template.version } } : {}),
    ...(context
      ? {
          context: {
            goal: input?.text ?? '',
            level: disclosureLevel ?? 0,
            data: context.value,
          },
        }
      : {}),
  };
  track('envelope');
  runProviderHook(provider.name, 'checkRequest', 'nothing was sent.', () =>
    provider.checkRequest?.(request),
  );
  // The envelope says what the model is sent, not what was asked (decision 0010).
  const reasoningEffort = await sentEffort(provider, request);

  // 5 envelope: the prompt is an artifact, the envelope validated.
  const promptContent = canonicalJson({ messages, response_format: responseFormat ?? null });
  const promptRef = store
    ? await ctx.ledger.putArtifact(promptContent, { mediaType: 'application/json' })
    : artifactAddress(promptContent);
  const envelope = parseRequestEnvelope({
    schema_version: '1',
    run_id: ctx.runId,
    stage,
    model: call.model,
    ...(reasoningEffort ? { reasoning_effort: reasoningEffort } : {}),
    input_artifacts: [promptRef],
    redaction_profile: ctx.redactor.profile,
    response_schema: schemaId,
    policy_id: ctx.policy.policy_id,
    max_output_tokens: call.maxOutputTokens,
    ...(template
      ? { template: { id: template.id, version: template.version, sha256: template.sha256 } }
      : {}),
    ...(disclosureLevel ? { disclosure_level: disclosureLevel } : {}),
  });

  track('estimate');
  // 6 estimate: input tokens (exact for text; the response schema on the safe side), worst
  // case at the output price.
  const count = inputEstimate(request);
  // Undefined for an unpriced model: the reservation then refuses it, whatever the caps
  // (decision 0014).
  const worstCaseCostUsd = pricedUsd(
    call.model,
    { inputTokens: count.tokens, outputTokens: call.maxOutputTokens },
    ctx.prices,
  );
  return {
    stage,
    requestId,
    provider,
    request,
    envelope,
    promptRef,
    inputTokens: count.tokens,
    approximate: count.approximate,
    worstCaseCostUsd,
    redactionCounts,
    schemaId,
    disclosureLevel,
    truncated,
  };
}

function checkPolicyFor(ctx: RunContext, call: CallInput, provider: LLMProvider): void {
  checkCallPolicy(ctx.policy, {
    model: call.model,
    remote: provider.remote,
    gatewayConfigured: ctx.gatewayConfigured,
  });
}

/** `run.estimate`: steps 1-6 only; nothing is sent or written. */
export async function estimateCall(ctx: RunContext, call: CallInput): Promise<CallEstimate> {
  checkCallInput(call); // first: it refuses options that are not an object, naming them
  checkStage(call.stage, "The call's stage option");
  let policy: CallEstimate['policy'] = { allowed: true };
  try {
    checkPolicyFor(ctx, call, ctx.provider);
  } catch (error) {
    if (!isPmError(error)) throw error;
    policy = { allowed: false, code: error.code, message: error.message };
  }
  // Only a stored call takes a request id: a dry run must not leave gaps in the ledger's ids.
  const prepared = await prepare(ctx, call, ctx.provider, null);
  return {
    model: call.model,
    stage: prepared.stage,
    inputTokens: prepared.inputTokens,
    approximate: prepared.approximate,
    maxOutputTokens: call.maxOutputTokens,
    worstCaseCostUsd: prepared.worstCaseCostUsd,
    policy,
    approvals: approvalScopes(ctx.policy, gateFacts(ctx, call, prepared)),
    envelope: prepared.envelope,
    provider: ctx.provider.name,
    truncated: prepared.truncated,
  };
}

function gateFacts(ctx: RunContext, call: CallInput, prepared: PreparedCall) {
  return {
    stage: prepared.stage,
    remote: prepared.provider.remote,
    disclosureLevel: prepared.disclosureLevel,
    drivesAction: call.drivesAction === true,
    approvalStages: ctx.options.approvalStages ?? [],
  };
}

/**
 * Step 7: asks the host's approver; no approver, an invalid decision or a deny refuse the
 * call. The approver is host code that may never answer (a person who is away): the wait is
 * bounded by `signal` (the run's deadline), and then the call fails with the deadline's error.
 */
async function approve(
  ctx: RunContext,
  call: CallInput,
  prepared: PreparedCall,
  signal: AbortSignal,
): Promise<void> {
  const scopes = approvalScopes(ctx.policy, gateFacts(ctx, call, prepared));
  if (scopes.length === 0) return;
  const approver = ctx.options.approve;
  if (!approver) {
    throw new ApprovalDeniedError(
      scopes,
      'no approver is configured (createLLMClient({ approve })), so gated calls are denied.',
    );
  }
  let answer: unknown;
  try {
    // The approver gets a frozen copy: the scopes checked below, the envelope recorded and the
    // messages sent stay the pipeline's own, whatever the host code does with what it was shown.
    const request = frozenCopy({
      runId: ctx.runId,
      stage: prepared.stage,
      requestId: prepared.requestId,
      model: call.model,
      provider: prepared.provider.name,
      scopes,
      envelope: prepared.envelope,
      estimate: {
        inputTokens: prepared.inputTokens,
        maxOutputTokens: call.maxOutputTokens,
        worstCaseCostUsd: prepared.worstCaseCostUsd ?? Number.NaN,
      },
      messages: prepared.request.messages,
    });
    // Called inside `then` so an approver that throws synchronously is a failure like any other.
    const asked = Promise.resolve().then(() => approver(request, { signal }));
    answer = await raceSignal(asked, signal);
  } catch {
    if (signal.aborted) throw abortError(signal);
    throw new ApprovalDeniedError(scopes, 'the approver failed.');
  }
  let decision: ApprovalDecisionV1;
  try {
    decision = parseApprovalDecision(answer);
  } catch (error) {
    throw new ApprovalDeniedError(
      scopes,
      error instanceof SchemaValidationError
        ? invalidDecision(error, scopes)
        : 'the approver failed.',
    );
  }
  ctx.ledger.append({
    type: 'approval',
    stage: prepared.stage,
    data: { request_id: prepared.requestId, decision: recordedDecision(decision, ctx.redactor) },
  });
  ctx.emit({
    type: 'approval',
    stage: prepared.stage,
    requestId: prepared.requestId,
    decision: decision.decision,
    approver: decision.approver,
  });
  const context = { runId: ctx.runId, stage: prepared.stage };
  const missing = scopes.filter((scope) => !approves(decision, scope, context));
  if (missing.length > 0) {
    throw new ApprovalDeniedError(scopes, approvalShortfall(decision, missing, context));
  }
}

/**
 * Why an approver's answer is not a decision, and what one for `scopes` looks like: the
 * schema's paths and messages, never the values the approver returned.
 */
function invalidDecision(error: SchemaValidationError, scopes: readonly string[]): string {
  const problems = error.problems
    .slice(0, 5)
    .map((p) => `${p.path} ${p.message}`)
    .join('; ');
  return `the approver returned an invalid decision (${problems}). Return an ApprovalDecisionV1: { schema_version: '1', approver, decision: 'approve' or 'deny', scope: [${scopes.map((s) => `'${s}'`).join(', ')}], reason, decided_at (an ISO time) }.`;
}

/** Step 11: the output must satisfy the response schema before anything acts on it. */
function validate(call: CallInput, schemaId: string, text: string): unknown {
  if (!call.schema) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new OutputValidationError(schemaId, [{ path: '$', message: 'is not valid JSON' }]);
  }
  // `reportInput` lets the problems say what type was received; the input itself is never used.
  let result: ReturnType<NonNullable<CallInput['schema']>['safeParse']>;
  try {
    result = call.schema.safeParse(json, { reportInput: true });
  } catch (error) {
    // A refine or transform of the host's schema threw: say whose code broke, not "report
    // a bug" in the SDK. Only the error's name: its message may quote the output.
    throw new PmError(
      'INTERNAL_ERROR',
      `The schema ${schemaId} threw ${thrownKind(error)} while checking the output (a refine or transform in it): fix the schema so it returns a verdict. The output is in the ledger (its response record, valid: false).`,
    );
  }
  if (!result.success) {
    // The error reaches onEvent and the ledger: paths and sentences never quote the output.
    throw new OutputValidationError(schemaId, outputProblems(call.schema, result.error.issues));
  }
  return result.data;
}

/**
 * One governed call: the pipeline of DESIGN.md, steps 1-13. Every exit path releases or
 * settles its reservation and writes one ledger record saying why.
 */
export async function governedCall<T>(
  ctx: RunContext,
  call: CallInput,
  provider: LLMProvider = ctx.provider,
  degraded = false,
): Promise<CallResult<T>> {
  let phase: Phase = 'policy';
  let prepared: PreparedCall | undefined;
  // Taken once the call passed its checks and policy, and named by its error record even when
  // preparing it fails: every id the ledger's sequence skips to has a record (no false gaps).
  let assignedId: string | undefined;
  let holds: CallHolds | undefined;
  let attempts = 0;
  let reportedUsage: TokenUsageV1 | undefined;
  /** The provider's `call` threw something other than a `PmError` (against its contract). */
  let providerThrew = false;
  // Linked before any host code runs (approver, budget store), so the run's deadline and the
  // host's cancellation bound every wait of the call, not only the provider's. A `signal`
  // that is not an AbortSignal is left out here and refused by checkCallInput.
  const callSignal = (call as Partial<CallInput> | null)?.signal;
  const link = linkCallSignal(
    ctx.budget.signal,
    isAbortSignal(callSignal) ? callSignal : undefined,
  );
  try {
    // 0 the stage names the ledger records of the call: checked before anything is written.
    checkStage(call.stage, "The call's stage option");
    checkCallInput(call);
    // 1 policy
    checkPolicyFor(ctx, call, provider);
    // 2-6 minimise (the caller's), redact, render, envelope, estimate
    assignedId = ctx.nextRequestId();
    // A call cancelled (or a run past its deadline) before it starts stores nothing.
    throwIfAborted(link.signal);
    prepared = await prepare(ctx, call, provider, assignedId, (next) => {
      phase = next;
    });
    // 7 approve; a person is not asked about a call the run's deadline has already ended.
    phase = 'approve';
    throwIfAborted(link.signal);
    await approve(ctx, call, prepared, link.signal);
    // 8 reserve: only calls that can be billed hold budget.
    phase = 'reserve';
    if (provider.remote) {
      const worst = {
        model: call.model,
        inputTokens: prepared.inputTokens,
        maxOutputTokens: call.maxOutputTokens,
      };
      const held = new CallHolds(ctx.budget, worst, {
        calls: ctx.budgetCalls,
        call: {
          stage: prepared.stage,
          requestId: prepared.requestId,
          maxOutputTokens: call.maxOutputTokens,
        },
      });
      await held.reserve(link.signal);
      holds = held;
    }
    // The run window again: the approver (a person) or the budget store may have kept the
    // call past the window's end, and a request must not leave outside it.
    phase = 'policy';
    checkRunWindow(ctx.policy);
    // 9 the request record is written before any egress: fsynced first with `strict`
    // durability; with `batch` it survives a process crash and is fsynced within the batch window.
    // Not after the deadline: the record would claim a request that is never sent.
    throwIfAborted(link.signal);
    ctx.ledger.append({
      type: 'request',
      stage: prepared.stage,
      data: {
        request_id: prepared.requestId,
        envelope: prepared.envelope,
        request_hash: requestHash(prepared.request),
        provider: provider.name,
        estimated_input_tokens: prepared.inputTokens,
        max_output_tokens: call.maxOutputTokens,
        estimated_cost_usd: prepared.worstCaseCostUsd ?? 0,
        redaction_counts: prepared.redactionCounts,
      },
    });
    ctx.emit({
      type: 'call.started',
      stage: prepared.stage,
      requestId: prepared.requestId,
      model: call.model,
      provider: provider.name,
    });
    // 10 rate limit + provider call, bounded retries with jitter
    phase = 'call';
    const started = performance.now();
    const request = { ...prepared.request, signal: link.signal };
    const stage = prepared.stage;
    const requestId = prepared.requestId;
    const weight = prepared.inputTokens + call.maxOutputTokens;
    let lastFailure: ProviderUnavailableError | undefined;
    // One request to the provider. The rate limiter schedules each one, retries included:
    // `requestsPerMinute` counts what reaches the provider, which is what it limits.
    const send = async (): Promise<ProviderCallResult> => {
      // Each request leaves inside a run window, also after the rate limiter's queue or a
      // retry's wait: a closed window ends the call (not retried), nothing more is sent.
      checkRunWindow(ctx.policy);
      attempts++;
      try {
        // Raced against the signal: a provider that ignores it cannot outlive the deadline.
        // An attempt left running may still be billed.
        const result = await raceSignal(
          provider.call(request, { fetch: ctx.fetch }),
          link.signal,
          () => holds?.attemptMayBeBilled(),
        );
        holds?.attemptMayBeBilled(); // it answered: billed, whatever happens next
        const answer = checkProviderResult(provider.name, result);
        // Bounded before it is stored, validated or returned, whatever the provider.
        checkAnswerSize(provider.name, answer.text, call.maxOutputTokens);
        return answer;
      } catch (error) {
        if (error instanceof ProviderUnavailableError) {
          lastFailure = error;
          if (error.possiblyBilled || error.usage) holds?.attemptMayBeBilled();
        } else if (!isPmError(error)) {
          // Not a failure the provider reported (a host provider's bug, a `fetch failed` it did
          // not map): nothing says the request never left, so it is booked (fail closed).
          holds?.attemptMayBeBilled();
          providerThrew = true;
        }
        throw error;
      }
    };
    const attempt = async (): Promise<ProviderCallResult> => {
      // A retry is one more request: held before it is made, so the cap holds; refused, no retry.
      if (attempts > 0 && holds && lastFailure) await holdRetry(holds, lastFailure, link.signal);
      return ctx.rateLimiter.schedule(send, { tokens: weight, signal: link.signal });
    };
    const result: ProviderCallResult = await retry(attempt, {
      ...ctx.options.retry,
      signal: link.signal,
      isRetryable: (error) => error instanceof ProviderUnavailableError && error.retryable,
      onRetry: (event) =>
        ctx.emit({
          type: 'call.retry',
          stage,
          requestId,
          attempt: event.attempt,
          status: event.status,
          delayMs: event.delayMs,
        }),
    });
    const latencyMs = performance.now() - started;
    reportedUsage = wholeUsage(result.usage, result.text);
    // The provider reported no usage: bill the worst case, so the budget never under-counts.
    const usage: TokenUsageV1 = reportedUsage ?? {
      input_tokens: prepared.inputTokens,
      cached_input_tokens: 0,
      output_tokens: call.maxOutputTokens,
      reasoning_tokens: 0,
    };
    // Another model than the one asked for answered (a gateway routing elsewhere): booked at
    // the dearer of the two, said, and refused when the policy forbids it (decision 0032).
    const answeredModel = otherAnsweredModel(call.model, result.model);
    let modelRefusal: unknown;
    if (answeredModel !== undefined) {
      holds?.answeredBy(answeredModel);
      try {
        checkAnsweredModel(ctx.policy, call.model, answeredModel);
      } catch (error) {
        modelRefusal = error;
      }
    }
    // 12 (first half) the output is stored whatever validation says: it was billed.
    const outputRef = await ctx.ledger.putArtifact(result.text, {
      mediaType: call.schema ? 'application/json' : 'text/plain',
    });
    // 11 validate
    phase = 'validate';
    let object: unknown;
    let validationError: unknown;
    try {
      object = validate(call, prepared.schemaId, result.text);
    } catch (error) {
      validationError = error;
    }
    // 13 settle to the actual usage
    phase = 'settle';
    let costUsd = 0;
    let settleError: unknown;
    if (holds) {
      try {
        costUsd = await holds.settle(usage);
      } catch (error) {
        // The store failed (Redis down): the answer was billed and is recorded all the same,
        // priced by the table (0 for an unpriced model, as a budget without a USD cap books
        // it), before the call fails; its holds expire into spent.
        settleError = error;
        const used = usageFromLedger(usage);
        costUsd = pricedUsd(call.model, used, ctx.prices) ?? 0;
        // As the budget would have booked it: the dearer model, or the worst case unpriced.
        if (answeredModel !== undefined) {
          const answered = pricedUsd(answeredModel, used, ctx.prices);
          costUsd = Math.max(costUsd, answered ?? prepared.worstCaseCostUsd ?? 0);
        }
      }
    }
    // 12 response record
    // As recorded, so a replayed call answers with the same finishReason.
    const finishReason = result.finishReason ? result.finishReason.slice(0, 64) : undefined;
    ctx.ledger.append({
      type: 'response',
      stage: prepared.stage,
      data: {
        request_id: prepared.requestId,
        output_artifact: outputRef,
        model: result.model,
        usage,
        cost_usd: costUsd,
        attempts,
        latency_ms: Math.round(latencyMs * 1000) / 1000,
        ...(finishReason ? { finish_reason: finishReason } : {}),
        valid: validationError === undefined && modelRefusal === undefined,
      },
    });
    if (answeredModel !== undefined) {
      ctx.emit({
        type: 'call.model_mismatch',
        stage: prepared.stage,
        requestId: prepared.requestId,
        model: call.model,
        answeredModel,
        allowed: modelRefusal === undefined,
      });
    }
    // Said whether or not the call passed its reservation: within it, no budget.overspend
    // would tell a host watching events (decision 0019).
    if (usage.output_tokens > call.maxOutputTokens) {
      ctx.emit({
        type: 'call.output_above_max',
        stage: prepared.stage,
        requestId: prepared.requestId,
        model: call.model,
        maxOutputTokens: call.maxOutputTokens,
        outputTokens: usage.output_tokens,
      });
    }
    if (settleError !== undefined) throw settleError;
    if (modelRefusal !== undefined) {
      phase = 'validate';
      throw modelRefusal;
    }
    if (validationError !== undefined) {
      phase = 'validate';
      throw validationError;
    }
    ctx.emit({
      type: 'call.completed',
      stage: prepared.stage,
      requestId: prepared.requestId,
      costUsd,
      inputTokens: usage.input_tokens,
      outputTokens: usage.output_tokens,
      attempts,
      degraded,
    });
    return {
      requestId: prepared.requestId,
      output: result.text,
      object: object as T | undefined,
      usage: usageFromLedger(usage),
      usageEstimated: reportedUsage === undefined,
      outputAboveMax: usage.output_tokens > call.maxOutputTokens,
      costUsd,
      model: result.model,
      envelope: prepared.envelope,
      artifacts: { prompt: prepared.promptRef, output: outputRef },
      provider: provider.name,
      attempts,
      offline: !provider.remote,
      degraded,
      finishReason,
      truncated: prepared.truncated,
    };
  } catch (error) {
    // Free or settle what the call held, then say why in one record. Usage the provider
    // reported is booked; an attempt the holds know may have been billed (a 2xx that could
    // not be read, a timeout, an attempt abandoned at the deadline) is booked at the worst
    // case whatever error ended the call; only holds of attempts certainly not billed are freed.
    const unavailable = error instanceof ProviderUnavailableError ? error : undefined;
    reportedUsage ??= wholeUsage(unavailable?.usage);
    let bookedUsd: number | undefined;
    if (holds && holds.state === 'none') {
      try {
        bookedUsd = await holds.fail(reportedUsage);
      } catch {
        // The reservation expires into "spent at the worst case" in the store: never free budget.
      }
    }
    let failure: PmError;
    if (error instanceof ProviderUnavailableError && attempts > 0)
      failure = error.afterAttempts(attempts);
    else if (isPmError(error)) failure = error;
    else if (providerThrew) {
      // Host code (a provider of its own) broke its contract: say whose, not "report a bug".
      failure = new PmError(
        'INTERNAL_ERROR',
        `Provider "${provider.name}" threw ${thrownKind(error)} instead of a ProviderUnavailableError; the attempt is booked at its worst case, since it may have been sent. Fix the provider to report its failures as ProviderUnavailableError.`,
      );
    } else {
      failure = new PmError(
        'INTERNAL_ERROR',
        `The ${phase} step failed unexpectedly; the ledger records it. Please report this as a bug.`,
      );
    }
    // A provider of the host's own may quote its upstream, key and all: not to the host nor
    // its events (the ledger scrubs its records as well).
    failure = failureWithoutSecrets(failure);
    const recordedPhase = failure.code === 'EGRESS_DENIED' ? 'egress' : phase;
    // A stage that failed its check cannot name the record: the run's stage does.
    const stage = prepared?.stage ?? (isStageName(call.stage) ? call.stage : ctx.defaultStage);
    ctx.ledger.append({
      type: 'error',
      stage,
      data: {
        ...(assignedId ? { request_id: assignedId } : {}),
        code: failure.code,
        message: failure.message.slice(0, 4000),
        phase: recordedPhase,
        ...(attempts > 0 ? { attempts } : {}),
        reservation: holds?.state ?? 'none',
        ...(reportedUsage ? { usage: reportedUsage } : {}),
        // What the failure cost, so the run's summary counts billed failures too.
        ...(holds?.state === 'settled' && bookedUsd !== undefined ? { cost_usd: bookedUsd } : {}),
      },
    });
    ctx.emit({
      type: 'call.failed',
      stage,
      ...(assignedId ? { requestId: assignedId } : {}),
      code: failure.code,
      message: failure.message,
      phase: recordedPhase,
    });
    // Not a call that was cancelled or ran out of time, whatever its reason says (a host may
    // abort with a ProviderUnavailableError): the offline call would fail again at once.
    if (
      failure instanceof ProviderUnavailableError &&
      ctx.options.onUnavailable === 'offline' &&
      provider !== ctx.offline &&
      !link.signal.aborted
    ) {
      return governedCall<T>(ctx, call, ctx.offline, true);
    }
    throw failure;
  } finally {
    link.unlink();
  }
}

/**
 * Holds one more request before a retry, or a whole worst case after an attempt that may
 * have been billed; refused, the call stops with the last failure. The wait is bounded by
 * `signal`: the run's deadline ends the call with its own error.
 */
async function holdRetry(
  holds: CallHolds,
  last: ProviderUnavailableError,
  signal: AbortSignal,
): Promise<void> {
  const billed = holds.lastAttemptMayBeBilled;
  try {
    await holds.holdRetry(signal);
  } catch (refused) {
    if (signal.aborted) throw abortError(signal);
    const why = isPmError(refused) ? refused.code : 'an error';
    const [what, raise] = billed
      ? ["another attempt's worst case", 'the budget']
      : ['another request', 'the requests cap'];
    throw new ProviderUnavailableError(
      `${last.message}${/[.!?]$/.test(last.message) ? '' : '.'} Not retried: the budget refused ${what} (${why}); raise ${raise} or retry later.`,
      {
        retryable: false,
        ...(last.status === undefined ? {} : { status: last.status }),
        ...(last.possiblyBilled ? { possiblyBilled: true } : {}),
      },
    );
  }
}
