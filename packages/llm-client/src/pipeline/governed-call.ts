import type { TokenUsageV1 } from '@pm/envelope-schemas';
import { checkAnsweredModel } from '../policy/check-answered-model.js';
import { checkRunWindow } from '../policy/check-call-policy.js';
import type { LLMProvider } from '../provider/provider.js';
import { ProviderUnavailableError } from '../provider/provider-unavailable-error.js';
import { approveCall } from './approve-call.js';
import { callFailure } from './call-failure.js';
import { CallHolds } from './call-holds.js';
import { type CallInput, type CallResult, usageFromLedger } from './call-input.js';
import { linkCallSignal } from './call-signal.js';
import { checkCallInput } from './check-call-input.js';
import { checkPolicyFor } from './check-policy-for.js';
import { checkStage, isStageName } from './check-stage.js';
import { isAbortSignal } from './is-abort-signal.js';
import { otherAnsweredModel } from './other-answered-model.js';
import { type CallPhase, type PreparedCall, prepareCall } from './prepare-call.js';
import { pricedUsd } from './priced-usd.js';
import { ProviderAttempts } from './provider-attempts.js';
import { throwIfAborted } from './race-signal.js';
import { requestHash } from './request-hash.js';
import type { RunContext } from './run-context.js';
import { validateAnswer } from './validate-answer.js';
import { wholeUsage } from './whole-usage.js';

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
  let phase: CallPhase = 'policy';
  let prepared: PreparedCall | undefined;
  // Taken once the call passed its checks and policy, and named by its error record even when
  // preparing it fails: every id the ledger's sequence skips to has a record (no false gaps).
  let assignedId: string | undefined;
  let holds: CallHolds | undefined;
  /** Step 10's requests, once the call reaches it. */
  let sending: ProviderAttempts | undefined;
  let reportedUsage: TokenUsageV1 | undefined;
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
    prepared = await prepareCall(ctx, call, provider, assignedId, (next) => {
      phase = next;
    });
    // 7 approve; a person is not asked about a call the run's deadline has already ended.
    phase = 'approve';
    throwIfAborted(link.signal);
    await approveCall(ctx, call, prepared, link.signal);
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
    sending = new ProviderAttempts(ctx, provider, call, prepared, holds, link.signal);
    const result = await sending.answer();
    const latencyMs = performance.now() - started;
    const attempts = sending.count;
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
      object = validateAnswer(call, prepared.schemaId, result.text);
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
    const attempts = sending?.count ?? 0;
    const failure = callFailure(error, {
      phase,
      attempts,
      providerThrew: sending?.providerThrew === true,
      provider: provider.name,
    });
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
