import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PmError, type ReasoningEffort, type TokenUsageV1 } from '@pm/envelope-schemas';
import { readArtifact, readLedger } from '@pm/ledger';
import { kindOf } from '../kind-of.js';
import { requestHash } from '../pipeline/request-hash.js';
import type { LLMProvider, ProviderCallRequest } from '../provider/provider.js';
import { readOptions } from '../read-options.js';
import { refuseUnknownOptions } from '../unknown-option.js';
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

/** A recorded request's place among identical ones, filled by its response or error record. */
interface Slot {
  outcome: Recorded | undefined;
}

/** The recorded run, by request hash. */
interface Recording {
  /** Each request's outcomes, in the order the requests were recorded. */
  outcomes: Map<string, Recorded[]>;
  /** The `reasoning_effort` each request's envelope recorded (`undefined`: none was sent). */
  efforts: Map<string, ReasoningEffort | undefined>;
}

/**
 * The recorded run is not where the options point: the ledger's own "pass a run directory"
 * would blame an argument the host never gave, so this names the two it did give.
 */
const REPLAY_OPTIONS: readonly string[] = ['ledgerDir', 'runId'];

/**
 * `{ ledgerDir, runId }`, both non-empty strings: a misspelt or missing one would otherwise
 * fail later as a TypeError from path handling, or replay another run.
 */
function checkReplayOptions(options: unknown): asserts options is ReplayProviderOptions {
  const invalid = (field: string, message: string) =>
    new PmError('INVALID_ARGUMENT', `replayProvider${message}`, { details: { field } });
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw invalid(
      'options',
      `(options) takes { ledgerDir, runId }: the recording client's ledger.dir and the recorded run's id; got ${kindOf(options)}.`,
    );
  }
  refuseUnknownOptions(options, REPLAY_OPTIONS, 'replayProvider');
  for (const field of REPLAY_OPTIONS) {
    const value = (options as Record<string, unknown>)[field];
    if (typeof value !== 'string' || value === '') {
      throw invalid(
        field,
        `({ ${field} }) must be a non-empty string (${field === 'ledgerDir' ? "the recording client's ledger.dir" : "the recorded run's id, run.runId"}); got ${kindOf(value)}.`,
      );
    }
  }
}

function noRecordedRun(options: ReplayProviderOptions, runDir: string): PmError {
  return new PmError(
    'INVALID_ARGUMENT',
    `replayProvider found no recorded run "${options.runId}" in ${options.ledgerDir} (${runDir} holds no ledger.jsonl). Pass as ledgerDir the ledger.dir of the client that recorded the run, and as runId that run's id (run.runId).`,
    { details: { field: 'runId', runDir } },
  );
}

/** The provider name in a `run_start` record's config snapshot, if it has one. */
function runProvider(config: Record<string, unknown>): string | undefined {
  const provider = config.provider;
  if (provider === null || typeof provider !== 'object') return undefined;
  const name = (provider as Record<string, unknown>).name;
  return typeof name === 'string' ? name : undefined;
}

/**
 * Answers from a recorded run, offline: each request is looked up by its content hash
 * (model, prompt, output ceiling, requested effort, response format) among the run's
 * outcomes, and the recorded output is returned byte for byte. Identical requests get the
 * recorded outcomes in the order their requests were recorded, not the order the calls finished:
 * answers that failed validation (they fail it again) and calls that failed after their
 * request was recorded (they fail again, with the recorded code and message) keep their
 * places, so later calls get the answers they got. A degraded call's
 * offline answer (`onUnavailable: 'offline'`) is not indexed: the replaying client degrades
 * again. A miss, or a request made more often than recorded, is a `ReplayMissError`, never
 * a live call. The recorded ledger is read and verified (hashes and links) on first use.
 * Each run of a client replays the recording from its start (the provider keeps its place
 * per run); one replaying run makes each recorded request at most as often as it was made.
 */
export function replayProvider(given: ReplayProviderOptions): LLMProvider {
  const options = readOptions(given, (field) => `replayProvider({ ${field} })`);
  checkReplayOptions(options);
  const runDir = join(options.ledgerDir, options.runId);
  let index: Promise<Recording> | undefined;

  async function load(): Promise<Recording> {
    if (!existsSync(join(runDir, 'ledger.jsonl'))) throw noRecordedRun(options, runDir);
    let provider: string | undefined;
    // One slot per recorded request, in request order: overlapping identical calls finish in
    // any order, and each must get the answer of the request it repeats, not the first to finish.
    const slots = new Map<string, Slot>();
    const byHash = new Map<string, Slot[]>();
    const efforts = new Map<string, ReasoningEffort | undefined>();
    // Held to the run asked for: another run's ledger copied in under its name is damage.
    await readLedger(
      runDir,
      (record) => {
        if (record.type === 'run_start') provider = runProvider(record.data.config);
        // Only requests to the run's own provider: the offline fallback's are not replayed.
        if (
          record.type === 'request' &&
          (provider === undefined || record.data.provider === provider)
        ) {
          const slot: Slot = { outcome: undefined };
          slots.set(record.data.request_id, slot);
          const list = byHash.get(record.data.request_hash) ?? [];
          list.push(slot);
          byHash.set(record.data.request_hash, list);
          // Identical requests to one provider were sent the same effort: the first says it.
          if (!efforts.has(record.data.request_hash)) {
            efforts.set(record.data.request_hash, record.data.envelope.reasoning_effort);
          }
        }
        // Every response, valid or not: an answer that failed validation when recorded fails it
        // again when replayed, and the answers after it keep their places.
        if (record.type === 'response') {
          const slot = slots.get(record.data.request_id);
          if (slot) {
            slot.outcome = {
              kind: 'answer',
              outputRef: record.data.output_artifact,
              model: record.data.model,
              usage: record.data.usage,
              finishReason: record.data.finish_reason,
            };
          }
        }
        // A call that failed once its request was recorded (its error follows a request record;
        // a failed validation has its response above and is not counted twice).
        const failed = record.type === 'error' ? record.data : undefined;
        const slot = failed?.request_id === undefined ? undefined : slots.get(failed.request_id);
        if (failed && slot && slot.outcome === undefined) {
          slot.outcome = {
            kind: 'failure',
            failure: { code: failed.code, message: failed.message, attempts: failed.attempts },
          };
        }
      },
      { runId: options.runId },
    );
    // A request with no outcome (the recording process ended mid-call) answers nothing.
    const outcomes = new Map<string, Recorded[]>();
    for (const [hash, list] of byHash) {
      outcomes.set(
        hash,
        list.flatMap((slot) => (slot.outcome ? [slot.outcome] : [])),
      );
    }
    return { outcomes, efforts };
  }

  /**
   * Answers one replaying run: identical requests get the recorded outcomes in recorded
   * order, each once, so the positions reached are the run's own.
   */
  function answering(): LLMProvider['call'] {
    const served = new Map<string, number>();
    return async (request) => {
      index ??= load();
      const hash = requestHash(request);
      const recorded = (await index).outcomes.get(hash);
      const position = served.get(hash) ?? 0;
      const outcome = recorded?.[position];
      // Used up: the recorded run made this request fewer times; repeating an answer would
      // not be what the recorded run saw.
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
    };
  }

  /**
   * What the recorded envelope says the model was sent, so the replayed envelope is the
   * recorded one: none for a model that took none (decision 0010); a recording made before
   * that names the requested effort, and so does its replay. A request the recording lacks,
   * or a recording that cannot be read, records the requested effort; `call` then fails with
   * the miss or the read error, as it would without this hook.
   */
  async function sentReasoningEffort(
    request: ProviderCallRequest,
  ): Promise<ReasoningEffort | undefined> {
    let recording: Recording;
    try {
      index ??= load();
      recording = await index;
    } catch {
      return request.reasoningEffort;
    }
    const hash = requestHash(request);
    return recording.efforts.has(hash) ? recording.efforts.get(hash) : request.reasoningEffort;
  }

  // The recording is read once and shared; each run (forRun) replays it from its start.
  const provider = (): LLMProvider => ({
    name: 'replay',
    remote: false,
    origins: [],
    describe: () => ({ name: 'replay', remote: false, endpoints: [], credentialSource: 'none' }),
    sentReasoningEffort,
    call: answering(),
    forRun: provider,
  });
  return provider();
}
