import type { BudgetUsage } from '@pm/budget';
import { PmError, type ReasoningEffort } from '@pm/envelope-schemas';
import type { CloseResult } from '@pm/ledger';
import type { z } from 'zod';
import {
  draftNarrative,
  interpretGoal,
  type MoveOptions,
  type RecommendedCommand,
  recommendNextCommand,
} from '../moves/agent-moves.js';
import type { GoalInterpretationV1 } from '../moves/move-schemas.js';
import type { CallEstimate, CallResult } from '../pipeline/call-input.js';
import { callOptions } from '../pipeline/call-options.js';
import { estimateCall } from '../pipeline/estimate-call.js';
import { governedCall } from '../pipeline/governed-call.js';
import type { RunContext } from '../pipeline/run-context.js';

/** Options shared by `generateText`, `generateObject` and `estimate`. */
export interface GenerateOptions {
  /**
   * Stage name (as for `startRun({ stage })`); default the run's stage. An invalid one is
   * `INVALID_ARGUMENT` before anything is reserved or sent (the error record names the run's stage).
   */
  stage?: string;
  model: string;
  /** Prompt template, `id@version` (e.g. `draft-narrative@1`). */
  template?: string;
  /** The user's text (a goal, a question, the section to draft). */
  input?: string;
  /** Minimised data for the prompt (see `buildDisclosure` in @pm/redact); redacted before use. */
  context?: unknown;
  /**
   * Disclosure level of `context`, 1-5; level 5 (samples) needs a `samples` approval. Default:
   * the level of a `buildDisclosure` context (5 when it holds samples); a lower one is refused.
   */
  disclosureLevel?: 1 | 2 | 3 | 4 | 5;
  /** Output ceiling, 1 to 1,000,000,000; reserved in full before the call. */
  maxOutputTokens: number;
  reasoningEffort?: ReasoningEffort;
  /** Whether the output will drive an action (approval-gated in hybrid mode). */
  drivesAction?: boolean;
  /**
   * Cancels this call when it aborts, like the run's deadline does: whatever the call is
   * waiting on (approver, budget store, rate limiter, retry backoff, provider) stops, the
   * request is aborted, and the call fails with `CALL_CANCELLED` (or the signal's reason,
   * when that is a `PmError`) and an error record. Never degraded to the offline answer. A
   * request already sent is booked at its worst case, since it may have been billed.
   * Ignored by `estimate`.
   */
  signal?: AbortSignal;
}

/** Options of `generateObject`. */
export interface GenerateObjectOptions<S extends z.ZodType> extends GenerateOptions {
  /** The zod schema the output must satisfy (validated before it is returned). */
  schema: S;
  /** Its versioned id, recorded in the envelope, e.g. `next-command@1`. */
  schemaId: string;
}

/** The text result of a governed call. */
export type TextResult = Omit<CallResult, 'object'>;

/** The object result of a governed call. */
export type ObjectResult<T> = CallResult<T> & { object: T };

/** One run: a ledger, a budget and the calls made under them. */
export class LLMRun {
  /** The run id (the ledger folder's name). */
  readonly runId: string;
  /** Where this run's ledger is. */
  readonly ledgerDir: string;
  readonly #ctx: RunContext;
  #ended: Promise<CloseResult> | undefined;
  /** Calls not yet finished: `end()` waits for their response or error records. */
  readonly #inFlight = new Set<Promise<unknown>>();

  /** @internal Use `client.startRun()`. */
  constructor(ctx: RunContext, ledgerDir: string) {
    this.#ctx = ctx;
    this.runId = ctx.runId;
    this.ledgerDir = ledgerDir;
  }

  /** A governed text call: policy, redaction, template, envelope, budget, ledger, provider. */
  async generateText(options: GenerateOptions): Promise<TextResult> {
    const { object: _none, ...result } = await this.#track(() =>
      governedCall(this.#ctx, callOptions(options, { schemaId: 'text@1', structured: false })),
    );
    return result;
  }

  /** A governed structured call: the output is validated against `schema` before it is returned. */
  async generateObject<S extends z.ZodType>(
    options: GenerateObjectOptions<S>,
  ): Promise<ObjectResult<z.output<S>>> {
    return (await this.#track(() =>
      governedCall<z.output<S>>(this.#ctx, callOptions(options, { structured: true })),
    )) as ObjectResult<z.output<S>>;
  }

  /** The dry run: tokens, worst-case cost, policy verdict and approvals needed. Nothing is sent or written. */
  estimate(
    options: GenerateOptions & { schema?: z.ZodType; schemaId?: string },
  ): Promise<CallEstimate> {
    // Not an object: refused as it is ("must be an object"), not read as one.
    const read =
      typeof options === 'object' && options !== null ? callOptions(options, {}) : options;
    return estimateCall(this.#ctx, read);
  }

  /** Agent move 1: interpret the user's goal from a disclosure (schema-validated). */
  interpretGoal(
    options: MoveOptions & { goal: string },
  ): Promise<ObjectResult<GoalInterpretationV1>> {
    return interpretGoal(this, options);
  }

  /** Agent move 2: recommend the next command, as data needing the user's confirmation. */
  recommendNextCommand(options: MoveOptions & { goal: string }): Promise<RecommendedCommand> {
    return recommendNextCommand(this, options);
  }

  /** Agent move 3: draft a report section from aggregates. */
  draftNarrative(options: MoveOptions & { section: string }): Promise<TextResult> {
    return draftNarrative(this, options);
  }

  /** The run's budget: spent and reserved per scope (run, day, month). */
  usage(): Promise<BudgetUsage> {
    return this.#ctx.budget.usage();
  }

  /** Runs a call unless the run is ending, and keeps it in the in-flight set until it settles. */
  #track<T>(call: () => Promise<T>): Promise<T> {
    if (this.#ended) {
      return Promise.reject(
        new PmError(
          'LEDGER_CLOSED',
          `Run ${this.runId} has ended (run.end() was called), so it takes no more calls; start a new run with client.startRun().`,
          { details: { runId: this.runId } },
        ),
      );
    }
    const pending = call();
    this.#inFlight.add(pending);
    const done = () => this.#inFlight.delete(pending);
    pending.then(done, done);
    return pending;
  }

  /**
   * Ends the run: refuses new calls, waits for calls in flight to finish (their response or
   * error records are written; the run's deadline still bounds them), then writes the
   * run-end record with the run's figures, and a checkpoint with a signer. Idempotent.
   */
  end(): Promise<CloseResult> {
    this.#ended ??= (async () => {
      // Outcomes belong to the callers; only their records matter here.
      await Promise.allSettled([...this.#inFlight]);
      this.#ctx.budget.dispose();
      const closed = await this.#ctx.ledger.close();
      this.#ctx.emit({
        type: 'run.ended',
        requests: closed.summary.requests,
        errors: closed.summary.errors,
        costUsd: closed.summary.cost_usd,
      });
      return closed;
    })();
    return this.#ended;
  }
}
