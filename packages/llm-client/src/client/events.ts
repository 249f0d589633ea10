import type { ApprovalDecisionV1 } from '@pm/envelope-schemas';

interface EventBase {
  runId: string;
  /** When the event happened, ISO 8601. */
  at: string;
}

/**
 * What `onEvent` receives. Events carry ids, counts and codes, never prompt text, output
 * or secrets, so a host can log them as they are.
 */
export type LLMEvent =
  | (EventBase & { type: 'run.started'; provider: string; offline: boolean })
  | (EventBase & {
      type: 'call.started';
      stage: string;
      requestId: string;
      model: string;
      provider: string;
    })
  | (EventBase & {
      type: 'call.retry';
      stage: string;
      requestId: string;
      attempt: number;
      status: number | undefined;
      delayMs: number;
    })
  | (EventBase & {
      type: 'call.completed';
      stage: string;
      requestId: string;
      costUsd: number;
      inputTokens: number;
      outputTokens: number;
      attempts: number;
      degraded: boolean;
    })
  | (EventBase & {
      type: 'call.failed';
      stage: string;
      requestId?: string;
      code: string;
      message: string;
      phase: string;
    })
  | (EventBase & {
      /**
       * The provider answered with another model than the one asked for (a dated snapshot of
       * it is the same model): the call is booked at the dearer of the two (decision 0032).
       * `allowed: false` when the policy does not allow the answering model: the call then
       * fails with `AnsweredModelNotAllowedError` (`call.failed` follows).
       */
      type: 'call.model_mismatch';
      stage: string;
      requestId: string;
      /** The model asked for. */
      model: string;
      /** The model that answered, as the provider reported it (the `response` record's `model`). */
      answeredModel: string;
      allowed: boolean;
    })
  | (EventBase & {
      type: 'approval';
      stage: string;
      requestId: string;
      decision: ApprovalDecisionV1['decision'];
      approver: string;
    })
  | (EventBase & {
      type: 'budget.alert';
      level: string;
      scope: string;
      metric: string;
      spent: number;
      limit: number;
    })
  | (EventBase & {
      /**
       * A call's usage was booked above what its reservation held, or the booking left a
       * budget cap passed (decision 0019). The money was spent and is booked as reported;
       * later calls on a passed cap are refused until its period resets.
       */
      type: 'budget.overspend';
      /** The call's stage and request id (absent only for a settle of no known call). */
      stage?: string;
      requestId?: string;
      model: string;
      /** What the reservation held (the call's worst case) and what was booked. */
      reserved: { tokens: number; usd: number; requests: number };
      booked: { tokens: number; usd: number; requests: number };
      /** `booked - reserved` per counter, 0 where the booking stayed within the hold. */
      excess: { tokens: number; usd: number; requests: number };
      /** Each cap the booking left passed: scope in its period (`day:2026-12-07`), counter, by how much. */
      capsPassed: { scope: string; metric: string; spent: number; limit: number; over: number }[];
      /**
       * True when the provider reported more output tokens than the call's `maxOutputTokens`:
       * usage it could not have produced under that ceiling (a provider or gateway bug).
       */
      outputAboveMax: boolean;
    })
  | (EventBase & {
      /**
       * The provider reported more output tokens than the call's `maxOutputTokens`, a ceiling
       * it was sent: usage it could not have produced under it (a provider or gateway bug).
       * Raised for every such answer, whether or not the call's whole usage still fit its
       * reservation (an input estimate that erred high can absorb it, and then no
       * `budget.overspend` says it); the usage is booked as reported (decision 0019).
       */
      type: 'call.output_above_max';
      stage: string;
      requestId: string;
      model: string;
      maxOutputTokens: number;
      outputTokens: number;
    })
  | (EventBase & { type: 'egress.denied'; origin: string; reason: string })
  | (EventBase & { type: 'run.ended'; requests: number; errors: number; costUsd: number });

/** An event as the pipeline raises it; the run adds `runId` and `at`. */
export type LLMEventInput = LLMEvent extends infer E
  ? E extends LLMEvent
    ? Omit<E, 'runId' | 'at'>
    : never
  : never;
