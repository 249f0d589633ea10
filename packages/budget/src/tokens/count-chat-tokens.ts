import { checkKnownKeys } from '../budget/option-keys.js';
import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { chatFormat } from './chat-format.js';
import type { ChatMessage, ChatTool } from './chat-types.js';
import { resolveEncoding } from './count-tokens.js';
import { addTools } from './count-tools.js';
import { describeValue as describe } from './describe-value.js';
import { jsonText } from './json-text.js';
import { add, type Tally } from './tally.js';
import type { CountOptions, TokenCount } from './token-count.js';
import { type TokenEngine, tokenEngine } from './token-engine.js';

/** Options of {@link countChatTokens}. */
export interface ChatCountOptions extends CountOptions {
  /**
   * Function tools sent with the request; counted the way the cookbook's
   * `num_tokens_for_tools` does, and what their parameters nest below the top-level
   * properties approximately (see `countChatTokens`).
   */
  readonly tools?: readonly ChatTool[];
}

/**
 * An assistant's `tool_calls`: each call's function name, arguments and id as text in the
 * model's encoding, plus the format's per-call allowance. The rendering is unpublished, so
 * the result is flagged approximate (meant to err high).
 */
function addToolCalls(
  engine: TokenEngine,
  tally: Tally,
  calls: readonly unknown[],
  perCall: number,
): void {
  for (const call of calls) {
    if (call === null || typeof call !== 'object') {
      throw new InvalidArgumentError(
        `Each tool_calls entry must be an object { id, type: 'function', function: { name, arguments } }; got ${describe(call)}.`,
      );
    }
    const c = call as { id?: unknown; function?: { name?: unknown; arguments?: unknown } | null };
    tally.tokens += perCall;
    tally.approximate = true;
    if (typeof c.id === 'string') add(engine, tally, c.id);
    const fn = c.function;
    if (fn !== null && typeof fn === 'object') {
      if (typeof fn.name === 'string') add(engine, tally, fn.name);
      if (typeof fn.arguments === 'string') add(engine, tally, fn.arguments);
      // Arguments as an object (not the API's JSON string): their JSON, never nothing.
      else if (fn.arguments !== undefined && fn.arguments !== null)
        add(engine, tally, jsonText(fn.arguments, 'tool_calls function arguments'));
    }
    // Any other shape (e.g. a custom tool's input): count its JSON rather than nothing.
    for (const key in c) {
      if (key === 'id' || key === 'type' || key === 'function') continue;
      const value = (c as Record<string, unknown>)[key];
      if (typeof value === 'string') add(engine, tally, value);
      else if (value !== undefined && value !== null)
        add(engine, tally, jsonText(value, `tool_calls field ${key}`));
    }
  }
}

/**
 * A message field that is neither a string nor `content` parts nor a `tool_calls` array. The
 * API bills what such a field sends, so it is never counted as nothing: an assistant's
 * legacy `function_call` ({ name, arguments }) counts as a tool call; `audio` (a reference
 * to an earlier spoken reply, billed as audio tokens) is refused like an audio part; a
 * `tool_calls` that is not an array is malformed; anything else counts as its JSON text
 * (approximate, meant to err high).
 */
function addOtherField(
  engine: TokenEngine,
  tally: Tally,
  perCall: number,
  key: string,
  value: unknown,
): void {
  if (key === 'tool_calls') {
    throw new InvalidArgumentError(
      `A message's tool_calls must be an array of { id, type: 'function', function: { name, arguments } } or null; got ${describe(value)}.`,
    );
  }
  if (key === 'function_call' && typeof value === 'object') {
    addToolCalls(engine, tally, [{ function: value }], perCall);
  } else if (key === 'audio') {
    throw new InvalidArgumentError(
      "countChatTokens cannot count a message's audio (an earlier spoken reply, billed as audio tokens by the model's rules): " +
        "count it by the provider's rules, add that to inputTokens, and count the messages without it.",
    );
  } else {
    tally.approximate = true;
    add(engine, tally, jsonText(value, `message field ${key}`));
  }
}

/**
 * A message's content parts: a text part counts its `text`, an assistant's refusal part its
 * `refusal` (text the model reads back, as a text part). Any other part (an image, audio, a
 * file) is refused: it costs tokens by rules OpenAI sets per model, size and detail, and
 * counted as nothing it would make the budget reserve less than the call is billed, under a
 * count that says it is exact.
 */
function addContentParts(engine: TokenEngine, tally: Tally, parts: readonly unknown[]): void {
  for (const part of parts) {
    const p = part as { type?: unknown; text?: unknown; refusal?: unknown } | null;
    if (typeof p?.text === 'string') {
      add(engine, tally, p.text);
    } else if (p?.type === 'refusal' && typeof p.refusal === 'string') {
      add(engine, tally, p.refusal);
    } else if (p?.type === 'text' || p?.type === 'refusal') {
      const field = p.type === 'text' ? 'text' : 'refusal';
      throw new InvalidArgumentError(
        `A ${p.type} part needs its ${field} as a string, e.g. { type: '${p.type}', ${field}: '...' }; got ${describe(p[field])}.`,
      );
    } else {
      const type = typeof p?.type === 'string' && /^[\w-]{1,40}$/.test(p.type) ? p.type : undefined;
      throw new InvalidArgumentError(
        `countChatTokens counts text and refusal parts only; got ${type === undefined ? describe(part) : `a part of type ${type}`}. ` +
          "Its tokens depend on the model and the part's size (an image's on its detail too), so it cannot be counted here: " +
          "count it by the provider's rules, add that to inputTokens, and count the messages without it.",
      );
    }
  }
}

/** Every option of `countChatTokens`. */
const CHAT_COUNT_KEYS: Readonly<Record<keyof ChatCountOptions, true>> = {
  model: true,
  encoding: true,
  tools: true,
};

/**
 * Counts the prompt tokens of a chat request the way OpenAI publishes it (openai-cookbook,
 * "How to count tokens with tiktoken": `num_tokens_from_messages` and
 * `num_tokens_for_tools`): per-message and per-name overhead, reply priming, and function
 * definitions. The notebook's examples give exactly what the API reported (see tests).
 *
 * Exact for text messages (string values such as `content`, `name`, `tool_call_id`, and
 * text parts) and for `tools` whose parameters are one level of properties. Not published
 * by OpenAI, so approximate: an assistant's `tool_calls` are counted as each call's
 * function name, arguments and id in the model's encoding plus an allowance of 32 tokens
 * per call, meant to err high; a tool parameter's nested `properties` and `items` are
 * counted as the cookbook counts the top level, and other subschemas (`anyOf`, `$defs`) as
 * their JSON text. The result then says `approximate: true`. A content part other than
 * text or a refusal (an image, audio, a file) is `InvalidArgumentError`: its tokens cannot
 * be counted from the request alone.
 */
export function countChatTokens(
  messages: readonly ChatMessage[],
  options: ChatCountOptions,
): TokenCount {
  const encoding = resolveEncoding(options);
  // A misspelt `tools` (`tool`) would leave the tool definitions uncounted: the budget would
  // reserve less than the call is billed.
  checkKnownKeys(
    options,
    'countChatTokens options',
    CHAT_COUNT_KEYS,
    "countChatTokens(messages, { model: 'gpt-5.2', tools })",
    'a countChatTokens option',
  );
  if (!Array.isArray(messages)) {
    throw new InvalidArgumentError(
      'countChatTokens expects an array of { role, content } messages.',
    );
  }
  const engine = tokenEngine(encoding);
  const f = chatFormat(encoding);
  const tally: Tally = { tokens: 0, approximate: false };
  for (const message of messages) {
    if (message === null || typeof message !== 'object') {
      throw new InvalidArgumentError(
        `countChatTokens expects messages as objects { role, content }; got ${describe(message)}.`,
      );
    }
    tally.tokens += f.tokensPerMessage;
    for (const key in message) {
      const value = message[key];
      if (typeof value === 'string') {
        add(engine, tally, value);
        if (key === 'name') tally.tokens += f.tokensPerName;
      } else if (key === 'tool_calls' && Array.isArray(value)) {
        addToolCalls(engine, tally, value, f.toolCall);
      } else if (key === 'content' && Array.isArray(value)) {
        addContentParts(engine, tally, value);
      } else if (key === 'content' && value !== null && value !== undefined) {
        throw new InvalidArgumentError(
          `A message's content must be a string, an array of text parts or null; got ${describe(value)}.`,
        );
      } else if (value !== null && value !== undefined) {
        addOtherField(engine, tally, f.toolCall, key, value);
      }
    }
  }
  tally.tokens += f.replyPriming;
  const tools = options.tools;
  if (tools !== undefined && !Array.isArray(tools)) {
    throw new InvalidArgumentError(
      "countChatTokens options.tools must be an array of { type: 'function', function: { name, description?, parameters? } }.",
    );
  }
  if (tools !== undefined && tools.length > 0) addTools(engine, tally, f, tools);
  return { tokens: tally.tokens, approximate: tally.approximate, encoding };
}
