import { countTokens } from '@pm/budget';
import { formatName } from '../pipeline/format-name.js';
import type {
  LLMProvider,
  ProviderCallRequest,
  ProviderCallResult,
  ProviderDescription,
} from '../provider/provider.js';
import { readOptions } from '../read-options.js';
import { refuseUnknownOptions } from '../unknown-option.js';
import { schemaExample } from './example-from-schema.js';
import { fixtureNeededError } from './fixture-needed-error.js';
import { offlineMoveOutput } from './offline-moves.js';

/** Options of `offlineProvider`. */
export interface OfflineProviderOptions {
  /**
   * Objects to return for `generateObject`, by the call's `schemaId` (`next-command@1`) or its
   * response format name (`next-command_1`). A fixture is returned in place of an agent
   * move's offline answer too.
   */
  fixtures?: Readonly<Record<string, unknown>>;
}

/** The fixtures by response format name; own keys only (`constructor` is nobody's fixture). */
function fixturesByFormat(fixtures: Readonly<Record<string, unknown>> = {}): Map<string, unknown> {
  const byName = new Map<string, unknown>();
  for (const key of Object.keys(fixtures)) byName.set(formatName(key), fixtures[key]);
  return byName;
}

const DESCRIPTION: ProviderDescription = {
  name: 'offline',
  remote: false,
  endpoints: [],
  credentialSource: 'none',
};

/**
 * The offline stub: deterministic, no network, no key. For the three agent moves it
 * renders offline templates from the same aggregates the prompt carries; for other
 * structured requests it returns a host fixture or a deterministic schema-valid object;
 * for other text requests, a short statement that no model was called. Usage is counted
 * with the model's tokenizer, so estimates and ledgers look as they would online.
 */
export function offlineProvider(given: OfflineProviderOptions = {}): LLMProvider {
  const options = readOptions(given, (field) => `offlineProvider({ ${field} })`);
  // A misspelt `fixtures` would answer every call with the stub instead of the host's objects.
  refuseUnknownOptions(options, ['fixtures'], 'offlineProvider');
  const fixtures = fixturesByFormat(options.fixtures);
  async function call(request: ProviderCallRequest): Promise<ProviderCallResult> {
    const format = request.responseFormat;
    const move = offlineMoveOutput(request);
    let text: string;
    // The host's fixture first: it is what the host asked this schema to be answered with.
    if (format && fixtures.has(format.name)) text = JSON.stringify(fixtures.get(format.name));
    else if (move !== undefined) text = typeof move === 'string' ? move : JSON.stringify(move);
    else if (format) {
      const example = schemaExample(format.schema);
      if (example.unsolved.length > 0) throw fixtureNeededError(format.name, example.unsolved);
      text = JSON.stringify(example.value);
    } else
      text =
        'Offline mode: no model was called. Configure a provider to get a model-written answer.';
    const inputTokens = request.messages.reduce(
      (sum, m) => sum + countTokens(m.content, { model: request.model }).tokens,
      0,
    );
    const outputTokens = Math.min(
      countTokens(text, { model: request.model }).tokens,
      request.maxOutputTokens,
    );
    return {
      text,
      model: request.model,
      usage: {
        input_tokens: inputTokens,
        cached_input_tokens: 0,
        output_tokens: outputTokens,
        reasoning_tokens: 0,
      },
      finishReason: 'stop',
    };
  }
  return { name: 'offline', remote: false, origins: [], describe: () => DESCRIPTION, call };
}
