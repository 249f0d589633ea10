import { join } from 'node:path';
import type { TokenUsageV1 } from '@pm/envelope-schemas';
import { readArtifact, readLedger } from '@pm/ledger';
import { requestHash } from '../pipeline/request-hash.js';
import type { LLMProvider, ProviderCallRequest, ProviderCallResult } from '../provider/provider.js';
import { ReplayMissError } from './replay-miss-error.js';
import { type RecordedFailure, replayedFailure } from './replayed-failure.js';

/** Options of `replayProvider`. */
export interface ReplayProviderOptions {
  /** The folder holding recorded runs (the recorded client's `ledger.dir`). */
  ledgerDir: string;
  /** The recorded run to answer from. */
  runId: string;
}

/** What the recorded run got for one request: an answer, or the failure it ended with. */
type Recorded =
  | {
      kind: 'answer';
      outputRef: string;
      model: string;
      usage: TokenUsageV1;
      finishReason: string | undefined;
    }
  | { kind: 'failure'; failure: RecordedFailure };

/** The provider name in a `run_start` record's config snapshot, if it has one. */
function runProvider(config: Record<string, unknown>): string | undefined {
  const provider = config.provider;
  if (provider === null || typeof provider !== 'object') return undefined;
  const name = (provider as Record<string, unknown>).name;
  return typeof name === 'string' ? name : undefined;
}

/**
 * Answers from a recorded run, offline: each request is looked up by its content hash
 * (model, prompt, output ceiling, effort, response format) among the run's outcomes, and
 * the recorded output is returned byte for byte. Identical requests get the recorded
 * outcomes in recorded order: answers that failed validation (they fail it again) and calls
 * that failed after their request was recorded (they fail again, with the recorded code and
 * message) keep their places, so later calls get the answers they got. A degraded call's
 * offline answer (`onUnavailable: 'offline'`) is not indexed: the replaying client degrades
 * again. A miss, or a request made more often than recorded, is a `ReplayMissError`, never
 * a live call. The recorded ledger is read and verified (hashes and links) on first use.
 */
export function replayProvider(options: ReplayProviderOptions): LLMProvider {
  const runDir = join(options.ledgerDir, options.runId);
  let index: Promise<Map<string, Recorded[]>> | undefined;

  async function load(): Promise<Map<string, Recorded[]>> {
    let provider: string | undefined;
    const hashes = new Map<string, string>();
    const answered = new Set<string>();
    const byHash = new Map<string, Recorded[]>();
    const add = (requestId: string, recorded: Recorded) => {
      const hash = hashes.get(requestId);
      if (hash === undefined) return;
      const list = byHash.get(hash) ?? [];
      list.push(recorded);
      byHash.set(hash, list);
    };
    // Held to the run asked for: another run's ledger copied in under its name is damage.
    await readLedger(
      runDir,
      (record) => {
        if (record.type === 'run_start') provider = runProvider(record.data.config);
        // Only requests to the run's own provider: the offline fallback's are not replayed.
        if (
          record.type === 'request' &&
          (provider === undefined || record.data.provider === provider)
        )
          hashes.set(record.data.request_id, record.data.request_hash);
        // Every response, valid or not: an answer that failed validation when recorded fails it
        // again when replayed, and the answers after it keep their places.
        if (record.type === 'response') {
          answered.add(record.data.request_id);
          add(record.data.request_id, {
            kind: 'answer',
            outputRef: record.data.output_artifact,
            model: record.data.model,
            usage: record.data.usage,
            finishReason: record.data.finish_reason,
          });
        }
        // A call that failed once its request was recorded (its error follows a request record;
        // a failed validation has its response above and is not counted twice).
        const failed = record.type === 'error' ? record.data : undefined;
        if (failed?.request_id !== undefined && !answered.has(failed.request_id)) {
          add(failed.request_id, {
            kind: 'failure',
            failure: { code: failed.code, message: failed.message, attempts: failed.attempts },
          });
        }
      },
      { runId: options.runId },
    );
    return byHash;
  }

  // Identical requests in one run are answered in recorded order.
  const served = new Map<string, number>();

  async function call(request: ProviderCallRequest): Promise<ProviderCallResult> {
    index ??= load();
    const hash = requestHash(request);
    const recorded = (await index).get(hash);
    const position = served.get(hash) ?? 0;
    const outcome = recorded?.[position];
    // Used up: the recorded run made this request fewer times; repeating an answer would not
    // be what the recorded run saw.
    if (!outcome) throw new ReplayMissError(runDir, hash, recorded?.length ?? 0);
    served.set(hash, position + 1);
    if (outcome.kind === 'failure') throw replayedFailure(outcome.failure);
    const text = (await readArtifact(runDir, outcome.outputRef)).toString('utf8');
    return {
      text,
      model: outcome.model,
      usage: outcome.usage,
      ...(outcome.finishReason ? { finishReason: outcome.finishReason } : {}),
    };
  }

  return {
    name: 'replay',
    remote: false,
    origins: [],
    describe: () => ({ name: 'replay', remote: false, endpoints: [], credentialSource: 'none' }),
    call,
  };
}
