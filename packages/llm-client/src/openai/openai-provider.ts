import type { TokenUsageV1 } from '@pm/envelope-schemas';
import { keyForms } from '../credentials/header-safe-key.js';
import { raceSignal } from '../pipeline/race-signal.js';
import { defaultAnswerBytes } from '../provider/answer-bytes.js';
import type {
  LLMProvider,
  ProviderCallContext,
  ProviderCallRequest,
  ProviderCallResult,
  ProviderDescription,
} from '../provider/provider.js';
import { readOptions } from '../read-options.js';
import { AnswerTooLargeError } from './answer-too-large-error.js';
import { answerWithoutKey } from './answer-without-key.js';
import {
  type ApiKeyOption,
  apiKeySource,
  credentialSource,
  type RequestKey,
} from './api-key-source.js';
import { bodyWord } from './body-word.js';
import { boundedResponse, type OversizedAnswer } from './bounded-answer.js';
import {
  checkProviderOptions,
  providerApi,
  providerMaxAnswerBytes,
  providerTimeoutMs,
} from './check-provider-options.js';
import { envHeaderOverrides } from './env-header-overrides.js';
import { checkFetchPort } from './fetch-blocked-port.js';
import { keyLookupTimeoutError } from './key-lookup-timeout-error.js';
import { loadOpenAI } from './load-openai.js';
import { mapOpenAIError } from './map-openai-error.js';
import { parseBaseURL } from './parse-base-url.js';
import { answeredModel, answerText } from './read-answer.js';
import { fromChatUsage, fromResponsesUsage } from './read-usage.js';
import { sentReasoningEffort } from './reasoning-models.js';
import { responsesFinishReason } from './responses-finish-reason.js';
import { readResponsesOutput } from './responses-output.js';
import { checkResponsesOutputFloor } from './responses-output-floor.js';
import { strictSchemaProblems } from './strict-json-schema.js';
import { type Unanswered, unansweredError } from './unanswered-error.js';
import { unreadableChatBody } from './unreadable-chat-body.js';
import { unreadableResponsesBody } from './unreadable-responses-body.js';
import { UnsupportedSchemaError } from './unsupported-schema-error.js';

/** Options of `openaiProvider`. */
export interface OpenAIProviderOptions {
  /**
   * The key: a `SecretValue` (from `resolveApiKey`), or a function called on every request
   * (e.g. fetching from a secret manager). Default: `resolveApiKey()` on every request, which
   * reads `OPENAI_API_KEY` then. A plain string is accepted and wrapped at once. Every form
   * is trimmed (a key read from a file may end in a newline) and must be header-safe
   * (printable ASCII, no spaces), else `INVALID_ARGUMENT` (an empty one is
   * `MISSING_CREDENTIAL`): a string or `SecretValue` when the provider is created, a
   * function's key on each request. Error messages are scrubbed of the key as given and as sent.
   */
  apiKey?: ApiKeyOption;
  /**
   * API base URL, a full http(s) URL without a query or fragment, on a port `fetch` connects
   * to (not one the Fetch standard blocks, e.g. 6000); default `https://api.openai.com/v1`. In cloud/hybrid mode: the gateway. Anything else throws
   * `INVALID_ARGUMENT` when the provider is created.
   */
  baseURL?: string;
  /** `chat` (Chat Completions, default) or `responses` (Responses API). */
  api?: 'chat' | 'responses';
  /**
   * Per-attempt timeout in ms, covering the whole attempt: the `apiKey` function, connecting,
   * the headers and reading the body. Default 60,000. A key function still pending at the
   * timeout fails the call with `MISSING_CREDENTIAL` (nothing was sent, so nothing is
   * booked). A timeout after a 2xx arrived is not retried (it may have been billed) and is
   * settled at the reservation's worst case.
   */
  timeoutMs?: number;
  /**
   * The most bytes read from one answer (its body, any status). Default: 1 MiB plus 64 bytes
   * per `maxOutputTokens` of the call, far above any real answer. A larger body is not read:
   * reading stops at the bound (at once when its `content-length` says so), the connection is
   * closed and the attempt fails with `AnswerTooLargeError` (`PROVIDER_UNAVAILABLE`, not
   * retried; a 2xx is booked at its worst case, since it may have been billed). A whole number
   * of at least 1024, else `INVALID_ARGUMENT` when the provider is created.
   */
  maxAnswerBytes?: number;
}

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** Responses API statuses that carry an answer; any other (`failed`, `cancelled`...) does not. */
const ANSWERED = new Set(['completed', 'incomplete']);

/** The `no_text_within_limit` failure of `request`, with what its usage says went to reasoning. */
function withinLimit(request: ProviderCallRequest, usage: TokenUsageV1 | undefined): Unanswered {
  return {
    why: 'no_text_within_limit',
    maxOutputTokens: request.maxOutputTokens,
    reasoningTokens: usage?.reasoning_tokens ?? 0,
  };
}

/**
 * The OpenAI provider, through the official SDK (`openai` 6.x, an optional peer loaded on
 * first call). The SDK's own retries are off: the pipeline owns retries, budgets and the
 * ledger. Every request goes through the pipeline's egress-guarded `fetch`. An option it does
 * not know (a misspelt `baseUrl`, an SDK option such as `maxRetries`) is `INVALID_ARGUMENT`.
 */
export function openaiProvider(given: OpenAIProviderOptions = {}): LLMProvider {
  const options = readOptions(given, (field) => `openaiProvider({ ${field} })`);
  checkProviderOptions(options);
  // Only `undefined` takes the default: a `null` baseURL would send the prompt to OpenAI itself.
  const baseURL = options.baseURL === undefined ? DEFAULT_BASE_URL : options.baseURL;
  const url = parseBaseURL(baseURL);
  checkFetchPort(url);
  const origin = url.origin;
  const api = providerApi(options.api);
  const timeout = providerTimeoutMs(options.timeoutMs);
  const maxAnswerBytes = providerMaxAnswerBytes(options.maxAnswerBytes);
  const key = apiKeySource(options.apiKey);

  const description: ProviderDescription = {
    name: 'openai',
    remote: true,
    endpoints: [{ origin, purpose: api === 'chat' ? 'chat completions' : 'responses' }],
    credentialSource: credentialSource(options.apiKey),
  };

  async function call(
    request: ProviderCallRequest,
    context: ProviderCallContext,
  ): Promise<ProviderCallResult> {
    const sdk = await loadOpenAI();
    // The SDK's own timeout stops at the headers; this one covers the body too, so a server
    // that stalls mid-body cannot hold the call until the run's deadline. It starts before
    // the key lookup, for the same reason: a secret manager that never answers.
    const timer = new AbortController();
    const clock = setTimeout(
      () => timer.abort(new DOMException('The attempt timed out.', 'TimeoutError')),
      timeout,
    );
    clock.unref?.(); // a pending attempt timer must not keep the host process alive
    const signal = request.signal ? AbortSignal.any([request.signal, timer.signal]) : timer.signal;
    let secret: RequestKey;
    try {
      secret = await raceSignal(key(), signal);
    } catch (error) {
      clearTimeout(clock);
      // Nothing was sent yet: a timeout here is not billed (MISSING_CREDENTIAL, not retried).
      if (timer.signal.aborted && !request.signal?.aborted) throw keyLookupTimeoutError(timeout);
      throw error;
    }
    // Whether a 2xx arrived decides if a failure may have been billed.
    let responded = false;
    // The SDK reads a 2xx body as JSON only when this says JSON: else it hands back text.
    let contentType: string | null = null;
    // Set when an answer went past the bound: the SDK then fails reading it, and this says why.
    let oversized: { answer: OversizedAnswer; status: number } | undefined;
    const limitBytes = maxAnswerBytes ?? defaultAnswerBytes(request.maxOutputTokens);
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const response = await context.fetch(input, init);
      if (response.ok) {
        responded = true;
        contentType = response.headers.get('content-type');
      }
      // The SDK reads a body whole (json() or text()), whatever its size: bounded here.
      return boundedResponse(response, limitBytes, (answer) => {
        oversized = { answer, status: response.status };
      });
    };
    // Every form of the key a server may echo: kept out of what is read from its body too.
    const forms = keyForms(secret.given.reveal(), secret.sent.reveal());
    try {
      // A client per call: the key lives only as long as the request (spec 003).
      const apiKey = secret.sent.reveal();
      // What is sent and printed is this provider's configuration only, never the SDK's
      // environment variables (OPENAI_BASE_URL, OPENAI_ORG_ID, OPENAI_CUSTOM_HEADERS, ...).
      const defaultHeaders = envHeaderOverrides(`Bearer ${apiKey}`);
      const client = new sdk.OpenAI({
        apiKey,
        baseURL,
        organization: null,
        project: null,
        maxRetries: 0,
        timeout,
        fetch,
        ...(defaultHeaders ? { defaultHeaders } : {}),
        // OPENAI_LOG=debug would print every prompt and answer to the console, outside the
        // ledger's control; what a call did is in the ledger and the `onEvent` hook.
        logLevel: 'off',
      });
      // The same function answers the pipeline's `sentReasoningEffort`: the envelope cannot drift.
      const effort = sentReasoningEffort(request);
      const format = request.responseFormat;
      if (api === 'chat') {
        const completion = await client.chat.completions.create(
          {
            model: request.model,
            messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
            max_completion_tokens: request.maxOutputTokens,
            ...(effort ? { reasoning_effort: effort } : {}),
            ...(format
              ? {
                  response_format: {
                    type: 'json_schema',
                    json_schema: { name: format.name, schema: format.schema, strict: true },
                  },
                }
              : {}),
          },
          { signal },
        );
        const unreadable = unreadableChatBody(completion, origin, forms, contentType);
        if (unreadable) throw unreadable;
        const usage = fromChatUsage(completion.usage);
        const choice = completion.choices[0];
        if (!choice) throw unansweredError({ why: 'no_choice' }, usage);
        if (choice.message.refusal) throw unansweredError({ why: 'refused' }, usage);
        const text = answerWithoutKey(answerText(choice.message.content), forms);
        if (text === '' && choice.finish_reason === 'length') {
          throw unansweredError(withinLimit(request, usage), usage);
        }
        const finishReason = bodyWord(choice.finish_reason, forms);
        return {
          text,
          model: answeredModel(completion.model, request.model, forms),
          usage,
          ...(finishReason ? { finishReason } : {}),
        };
      }
      const params: import('openai').OpenAI.Responses.ResponseCreateParamsNonStreaming = {
        model: request.model,
        input: request.messages.map((m) => ({
          role: m.role === 'system' ? 'developer' : 'user',
          content: m.content,
        })),
        max_output_tokens: request.maxOutputTokens,
        // The Responses API keeps every response (prompt and answer) on OpenAI's side for
        // later retrieval unless told not to; Chat Completions does not by default. Nothing
        // here reads it back, and data minimisation says not to leave a copy.
        store: false,
        ...(effort ? { reasoning: { effort } } : {}),
        ...(format
          ? {
              text: {
                format: {
                  type: 'json_schema',
                  name: format.name,
                  schema: format.schema,
                  strict: true,
                },
              },
            }
          : {}),
      };
      // `client.post`, not `client.responses.create`: the SDK's own reading of the body (it
      // adds `output_text`) threw a bare TypeError ("rsp.output is not iterable") on a body
      // that is not a response, before it could be checked here. The request is the same.
      const body: unknown = await client.post('/responses', { body: params, signal });
      const unreadable = unreadableResponsesBody(body, origin, forms, contentType);
      if (unreadable) throw unreadable;
      const response = body as import('openai').OpenAI.Responses.Response;
      const usage = fromResponsesUsage(response.usage);
      const output = readResponsesOutput(response.output);
      if (output.refused) throw unansweredError({ why: 'refused' }, usage);
      // `incomplete` is an answer cut at max_output_tokens, like chat's `length`: returned
      // when it has text (below: without any, it is a failure that says to raise the limit).
      if (response.status && !ANSWERED.has(response.status)) {
        throw unansweredError(
          {
            why: 'not_completed',
            status: bodyWord(response.status, forms),
            code: bodyWord(response.error?.code, forms),
          },
          usage,
        );
      }
      const text = answerWithoutKey(output.text, forms);
      if (text === '' && response.incomplete_details?.reason === 'max_output_tokens') {
        throw unansweredError(withinLimit(request, usage), usage);
      }
      // No message at all is no answer, as a chat completion without a choice is: most likely
      // a gateway's fault, not a model that chose to say nothing (decision 0012).
      if (!output.hasMessage) throw unansweredError({ why: 'no_message' }, usage);
      const finishReason = responsesFinishReason(
        response.status,
        response.incomplete_details?.reason,
      );
      return {
        text,
        model: answeredModel(response.model, request.model, forms),
        usage,
        ...(finishReason ? { finishReason } : {}),
      };
    } catch (error) {
      // Before the SDK's reading of it: an oversized body fails as whatever the SDK made of it.
      if (oversized) {
        throw new AnswerTooLargeError(oversized.answer, {
          origin,
          status: oversized.status,
          maxOutputTokens: request.maxOutputTokens,
          configured: maxAnswerBytes !== undefined,
        });
      }
      const timedOut = timer.signal.aborted && !request.signal?.aborted;
      throw mapOpenAIError(error, sdk, forms, { responded, timedOut, origin });
    } finally {
      // The SDK has read and parsed the body by now: the attempt is over either way.
      clearTimeout(clock);
    }
  }

  function checkRequest(request: ProviderCallRequest): void {
    if (api === 'responses') checkResponsesOutputFloor(request.maxOutputTokens);
    if (!request.responseFormat) return;
    const problems = strictSchemaProblems(request.responseFormat.schema);
    if (problems.length > 0)
      throw new UnsupportedSchemaError(request.responseFormat.name, problems);
  }

  return {
    name: 'openai',
    remote: true,
    origins: [origin],
    describe: () => description,
    checkRequest,
    sentReasoningEffort,
    call,
  };
}
