import type { TokenUsageV1 } from '@pm/envelope-schemas';
import type { LLMProvider, ProviderCallRequest, ProviderCallResult } from '../provider/provider.js';
import { ProviderUnavailableError } from '../provider/provider-unavailable-error.js';
import { readOptions } from '../read-options.js';
import { refuseUnknownOptions } from '../unknown-option.js';

/** One scripted answer: a text (with optional usage), a failure, or a function of the request. */
export type ScriptedAnswer =
  | string
  | { text: string; usage?: TokenUsageV1; model?: string }
  | { fail: { status?: number; retryable: boolean; possiblyBilled?: boolean; message?: string } }
  | ((request: ProviderCallRequest) => ScriptedAnswer);

/** A provider for host tests: answers from a script and records every call it receives. */
export interface ScriptedProvider extends LLMProvider {
  /** Every request received, in order. */
  readonly calls: ProviderCallRequest[];
}

/**
 * A test double (like `ai/test`'s mock models): answers are taken from `script` in order (the
 * last one repeats), each call is recorded, and nothing leaves the process. `remote: true`
 * makes the pipeline treat it as a billed remote provider (budget, approvals, egress plan).
 */
export function scriptedProvider(
  script: readonly ScriptedAnswer[],
  given: { remote?: boolean; name?: string } = {},
): ScriptedProvider {
  const options = readOptions(given, (field) => `scriptedProvider({ ${field} })`);
  // A misspelt `remote` would leave the double offline: the remote-only gates never run.
  refuseUnknownOptions(options, ['remote', 'name'], 'scriptedProvider');
  const calls: ProviderCallRequest[] = [];
  const name = options.name ?? 'scripted';
  const remote = options.remote ?? false;
  const origins = remote ? ['https://scripted.invalid'] : [];

  async function call(request: ProviderCallRequest): Promise<ProviderCallResult> {
    calls.push(request);
    let answer = script[Math.min(calls.length - 1, script.length - 1)];
    while (typeof answer === 'function') answer = answer(request);
    if (answer === undefined) throw new Error('scriptedProvider: the script is empty');
    if (typeof answer === 'string') answer = { text: answer };
    if ('fail' in answer) {
      throw new ProviderUnavailableError(answer.fail.message ?? 'scripted failure', {
        retryable: answer.fail.retryable,
        ...(answer.fail.status === undefined ? {} : { status: answer.fail.status }),
        ...(answer.fail.possiblyBilled ? { possiblyBilled: true } : {}),
      });
    }
    return {
      text: answer.text,
      model: answer.model ?? request.model,
      usage: answer.usage,
      finishReason: 'stop',
    };
  }

  return {
    name,
    remote,
    origins,
    calls,
    describe: () => ({
      name,
      remote,
      endpoints: origins.map((origin) => ({ origin, purpose: 'test double' })),
      credentialSource: 'none',
    }),
    call,
  };
}
