import { join } from 'node:path';
import type { TokenUsageV1 } from '@pm/envelope-schemas';
import { readArtifact, readLedger } from '@pm/ledger';
import { requestHash } from '../pipeline/request-hash.js';
import type { LLMProvider, ProviderCallRequest, ProviderCallResult } from '../provider/provider.js';
import { ReplayMissError } from './replay-miss-error.js';

/** Options of `replayProvider`. */
export interface ReplayProviderOptions {
  /** The folder holding recorded runs (the recorded client's `ledger.dir`). */
  ledgerDir: string;
  /** The recorded run to answer from. */
  runId: string;
}

interface Recorded {
  outputRef: string;
  model: string;
  usage: TokenUsageV1;
  finishReason: string | undefined;
}

/**
 * Answers from a recorded run, offline: each request is looked up by its content hash
 * (model, prompt, output ceiling, effort, response format) among the run's responses, and
 * the recorded output is returned byte for byte. Identical requests get the recorded
 * answers in recorded order, those that failed validation included (they fail it again).
 * A miss, or a request made more often than recorded, is a `ReplayMissError`, never a
 * live call. The recorded ledger is read and verified (hashes and links) on first use.
 */
export function replayProvider(options: ReplayProviderOptions): LLMProvider {
  const runDir = join(options.ledgerDir, options.runId);
  let index: Promise<Map<string, Recorded[]>> | undefined;

  async function load(): Promise<Map<string, Recorded[]>> {
    const hashes = new Map<string, string>();
    const byHash = new Map<string, Recorded[]>();
    await readLedger(runDir, (record) => {
      if (record.type === 'request') hashes.set(record.data.request_id, record.data.request_hash);
      // Every response, valid or not: an answer that failed validation when recorded fails it
      // again when replayed, and the answers after it keep their places.
      if (record.type === 'response') {
        const hash = hashes.get(record.data.request_id);
        if (hash === undefined) return;
        const list = byHash.get(hash) ?? [];
        list.push({
          outputRef: record.data.output_artifact,
          model: record.data.model,
          usage: record.data.usage,
          finishReason: record.data.finish_reason,
        });
        byHash.set(hash, list);
      }
    });
    return byHash;
  }

  // Identical requests in one run are answered in recorded order.
  const served = new Map<string, number>();

  async function call(request: ProviderCallRequest): Promise<ProviderCallResult> {
    index ??= load();
    const hash = requestHash(request);
    const recorded = (await index).get(hash);
    const position = served.get(hash) ?? 0;
    const answer = recorded?.[position];
    // Used up: the recorded run made this request fewer times; repeating an answer would not
    // be what the recorded run saw.
    if (!answer) throw new ReplayMissError(runDir, hash, recorded?.length ?? 0);
    served.set(hash, position + 1);
    const text = (await readArtifact(runDir, answer.outputRef)).toString('utf8');
    return {
      text,
      model: answer.model,
      usage: answer.usage,
      ...(answer.finishReason ? { finishReason: answer.finishReason } : {}),
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
