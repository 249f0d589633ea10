import type { LedgerRecordData, LedgerRecordV1 } from '@pm/envelope-schemas';

/** The figures of a `run_end` record (spec 000 §3: requests, tokens in/out, models). */
export type RunEndData = LedgerRecordData<'run_end'>;

/**
 * Per-run figures, as `summariseLedger` reports them: the `run_end` figures computed from
 * the records themselves, plus what a reviewer asks next.
 */
export interface LedgerSummary extends RunEndData {
  /** The run. */
  run_id: string;
  /** Records in the ledger, `run_end` included. */
  records: number;
  /** True when the ledger ends with a `run_end` record (the run was closed). */
  closed: boolean;
  /** Approvals that denied the request (included in `approvals`). */
  approvals_denied: number;
  /** Worst-case cost reserved over all requests, in USD. */
  estimated_cost_usd: number;
  /** Budget alerts recorded. */
  alerts: number;
  /** Torn tails cut off after crashes (`recovered` records). */
  recoveries: number;
  /** Records that had secrets scrubbed out. */
  scrubbed_records: number;
  /** Error records by error code. */
  error_codes: Record<string, number>;
  /** Timestamp of the first record, or null for an empty ledger. */
  started_at: string | null;
  /** Timestamp of the last record, or null for an empty ledger. */
  ended_at: string | null;
}

/**
 * Accumulates the run's figures record by record: the ledger feeds it on every append
 * (so `close()` needs no second pass) and `summariseLedger` feeds it while reading.
 */
export class RunSummary {
  private requests = 0;
  private responses = 0;
  private errors = 0;
  private approvals = 0;
  private approvalsDenied = 0;
  private alerts = 0;
  private recoveries = 0;
  private scrubbedRecords = 0;
  private records = 0;
  private estimatedInput = 0;
  private estimatedOutput = 0;
  private estimatedCost = 0;
  private inputTokens = 0;
  private outputTokens = 0;
  private cost = 0;
  private readonly models = new Set<string>();
  private readonly stages = new Set<string>();
  private readonly errorCodes: Record<string, number> = {};
  private firstTs: string | null = null;
  private lastTs: string | null = null;
  private closed = false;

  /** Adds one record's contribution. */
  add(record: LedgerRecordV1): void {
    this.records++;
    if (this.firstTs === null) this.firstTs = record.ts;
    this.lastTs = record.ts;
    if (record.stage !== null) this.stages.add(record.stage);
    if (record.scrubbed !== undefined && record.scrubbed.length > 0) this.scrubbedRecords++;
    switch (record.type) {
      case 'request': {
        const d = record.data;
        this.requests++;
        this.estimatedInput += d.estimated_input_tokens;
        this.estimatedOutput += d.max_output_tokens;
        this.estimatedCost += d.estimated_cost_usd;
        this.models.add(d.envelope.model);
        break;
      }
      case 'response': {
        const d = record.data;
        this.responses++;
        this.inputTokens += d.usage.input_tokens;
        this.outputTokens += d.usage.output_tokens;
        this.cost += d.cost_usd;
        this.models.add(d.model);
        break;
      }
      case 'error': {
        const d = record.data;
        this.errors++;
        this.errorCodes[d.code] = (this.errorCodes[d.code] ?? 0) + 1;
        // A failed call can still have been billed: its usage and cost count.
        if (d.usage !== undefined) {
          this.inputTokens += d.usage.input_tokens;
          this.outputTokens += d.usage.output_tokens;
        }
        if (d.cost_usd !== undefined) this.cost += d.cost_usd;
        break;
      }
      case 'approval':
        this.approvals++;
        if (record.data.decision.decision === 'deny') this.approvalsDenied++;
        break;
      case 'alert':
        this.alerts++;
        break;
      case 'recovered':
        this.recoveries++;
        break;
      case 'run_end':
        this.closed = true;
        break;
      default:
        break;
    }
  }

  /**
   * The `run_end` figure that adding `record` would take past what a number holds exactly
   * (2^53 - 1 tokens; a cost finite once rounded to the nano-dollar), or null. The writer refuses such a record: the
   * `run_end` record would fail its schema, and the run could never be closed.
   */
  figurePastRange(record: LedgerRecordV1): string | null {
    switch (record.type) {
      case 'request':
        return (
          pastCount(
            'estimated_input_tokens',
            this.estimatedInput,
            record.data.estimated_input_tokens,
          ) ??
          pastCount('estimated_output_tokens', this.estimatedOutput, record.data.max_output_tokens)
        );
      case 'response':
      case 'error': {
        const { usage, cost_usd: cost } = record.data;
        return (
          pastCount('input_tokens', this.inputTokens, usage?.input_tokens ?? 0) ??
          pastCount('output_tokens', this.outputTokens, usage?.output_tokens ?? 0) ??
          (Number.isFinite(roundUsd(this.cost + (cost ?? 0))) ? null : 'cost_usd')
        );
      }
      default:
        return null;
    }
  }

  /** The `run_end` figures for a run ending at `endMs` (epoch ms). */
  toRunEnd(endMs: number): RunEndData {
    const start = this.firstTs === null ? endMs : Date.parse(this.firstTs);
    return {
      requests: this.requests,
      responses: this.responses,
      errors: this.errors,
      approvals: this.approvals,
      estimated_input_tokens: this.estimatedInput,
      estimated_output_tokens: this.estimatedOutput,
      input_tokens: this.inputTokens,
      output_tokens: this.outputTokens,
      cost_usd: roundUsd(this.cost),
      models: [...this.models].sort(),
      stages: [...this.stages],
      duration_ms: Math.max(0, endMs - start),
    };
  }

  /** The full summary of the records added so far. */
  toSummary(runId: string): LedgerSummary {
    const end = this.lastTs === null ? Date.now() : Date.parse(this.lastTs);
    return {
      run_id: runId,
      records: this.records,
      closed: this.closed,
      ...this.toRunEnd(end),
      approvals_denied: this.approvalsDenied,
      estimated_cost_usd: roundUsd(this.estimatedCost),
      alerts: this.alerts,
      recoveries: this.recoveries,
      scrubbed_records: this.scrubbedRecords,
      error_codes: { ...this.errorCodes },
      started_at: this.firstTs,
      ended_at: this.lastTs,
    };
  }
}

function pastCount(figure: string, total: number, added: number): string | null {
  return total + added > Number.MAX_SAFE_INTEGER ? figure : null;
}

/** Sums of binary floats drift (0.1 + 0.2); costs are reported to the nano-dollar. */
function roundUsd(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}
