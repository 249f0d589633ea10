import { InvalidArgumentError } from '../errors/invalid-argument-error.js';
import { chatFormat } from './chat-format.js';
import type { ChatMessage, ChatTool } from './chat-types.js';
import { countWithEngine, resolveEncoding } from './count-tokens.js';
import type { CountOptions, TokenCount } from './token-count.js';
import { type TokenEngine, tokenEngine } from './token-engine.js';

/** Options of {@link countChatTokens}. */
export interface ChatCountOptions extends CountOptions {
  /** Function tools sent with the request; counted the way the cookbook's `num_tokens_for_tools` does. */
  readonly tools?: readonly ChatTool[];
}

// Mutable accumulator so one count allocates one object, not one per string.
interface Tally {
  tokens: number;
  approximate: boolean;
}

function add(engine: TokenEngine, tally: Tally, text: string): void {
  const c = countWithEngine(engine, text);
  tally.tokens += c.tokens;
  if (c.approximate) tally.approximate = true;
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
    }
    // Any other shape (e.g. a custom tool's input): count its JSON rather than nothing.
    for (const key in c) {
      if (key === 'id' || key === 'type' || key === 'function') continue;
      const value = (c as Record<string, unknown>)[key];
      if (typeof value === 'string') add(engine, tally, value);
      else if (value !== undefined && value !== null) add(engine, tally, jsonOf(value, key));
    }
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

function jsonOf(value: unknown, key: string): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    throw new InvalidArgumentError(
      `tool_calls field ${key} cannot be serialised as JSON (a cycle or a BigInt?), so it cannot be sent or counted.`,
    );
  }
}

/**
 * What a bad entry was, for an error message: its type and shape, never its text (messages
 * and tools carry the prompt, and error messages end up in logs).
 */
function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'string') return `a string of ${value.length} characters`;
  if (typeof value !== 'object') return `a ${typeof value}`;
  if (Array.isArray(value)) return `an array of ${value.length} items`;
  return `an object with keys [${Object.keys(value).slice(0, 8).join(', ')}]`;
}

/** A tool's description or a parameter's: text when given. */
function descriptionOf(value: unknown, where: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') {
    throw new InvalidArgumentError(`${where} must be a string; got ${describe(value)}.`);
  }
  return stripDot(value);
}

/**
 * `String(value)`, or undefined when it has no text form (an object without a prototype, a
 * throwing `toString`): the caller then refuses the schema with INVALID_ARGUMENT.
 */
function textOrUndefined(value: unknown): string | undefined {
  try {
    return String(value);
  } catch {
    return undefined;
  }
}

/** A parameter's JSON Schema `type` as the counted text (a list of types joins with commas). */
function typeText(type: unknown, where: string): string {
  const text = textOrUndefined(type);
  if (text === undefined) {
    throw new InvalidArgumentError(
      `${where}: type cannot be counted as text (got ${describe(type)}); a JSON Schema type is a string or an array of strings, e.g. type: 'string'.`,
    );
  }
  return text;
}

/** One item of a parameter's `enum` as the counted text. */
function enumItemText(item: unknown, index: number, where: string): string {
  const text = textOrUndefined(item);
  if (text === undefined) {
    throw new InvalidArgumentError(
      `${where}: enum item ${index} cannot be counted as text (got ${describe(item)}); enum items are strings, numbers, booleans or null.`,
    );
  }
  return text;
}

function stripDot(text: string): string {
  return text.endsWith('.') ? text.slice(0, -1) : text;
}

/**
 * Counts the prompt tokens of a chat request the way OpenAI publishes it (openai-cookbook,
 * "How to count tokens with tiktoken": `num_tokens_from_messages` and
 * `num_tokens_for_tools`): per-message and per-name overhead, reply priming, and function
 * definitions. The notebook's examples give exactly what the API reported (see tests).
 *
 * Exact for text messages (string values such as `content`, `name`, `tool_call_id`, and
 * text parts) and for `tools`. Not published by OpenAI, so approximate: an assistant's
 * `tool_calls` are counted as each call's function name, arguments and id in the model's
 * encoding plus an allowance of 32 tokens per call, meant to err high; the result then says
 * `approximate: true`. A content part other than text or a refusal (an image, audio, a
 * file) is `InvalidArgumentError`: its tokens cannot be counted from the request alone.
 */
export function countChatTokens(
  messages: readonly ChatMessage[],
  options: ChatCountOptions,
): TokenCount {
  const encoding = resolveEncoding(options);
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
  if (tools !== undefined && tools.length > 0) {
    for (const tool of tools) {
      const fn = (tool as Partial<ChatTool> | null)?.function;
      if (fn === null || typeof fn !== 'object' || typeof fn.name !== 'string') {
        throw new InvalidArgumentError(
          "Each tool must be { type: 'function', function: { name, description?, parameters? } } (the Chat Completions shape); " +
            `got ${describe(tool)}.`,
        );
      }
      tally.tokens += f.funcInit;
      add(
        engine,
        tally,
        `${fn.name}:${descriptionOf(fn.description, `Tool ${fn.name}'s description`)}`,
      );
      const properties: unknown = fn.parameters?.properties;
      if (properties !== undefined && (properties === null || typeof properties !== 'object')) {
        throw new InvalidArgumentError(
          `Tool ${fn.name}'s parameters.properties must be an object of JSON Schemas; got ${describe(properties)}.`,
        );
      }
      const keys = properties === undefined ? [] : Object.keys(properties);
      if (keys.length > 0) {
        tally.tokens += f.propInit;
        for (const key of keys) {
          const property = (properties as Record<string, unknown>)[key] as {
            type?: unknown;
            description?: unknown;
            enum?: unknown;
          } | null;
          const where = `Tool ${fn.name}'s parameter ${key}`;
          if (property === null || typeof property !== 'object') {
            throw new InvalidArgumentError(
              `${where} must be a JSON Schema object; got ${describe(property)}.`,
            );
          }
          tally.tokens += f.propKey;
          if (property.enum !== undefined) {
            if (!Array.isArray(property.enum)) {
              throw new InvalidArgumentError(
                `${where}: enum must be an array; got ${describe(property.enum)}.`,
              );
            }
            tally.tokens += f.enumInit;
            for (let i = 0; i < property.enum.length; i++) {
              tally.tokens += f.enumItem;
              add(engine, tally, enumItemText(property.enum[i], i, where));
            }
          }
          add(
            engine,
            tally,
            `${key}:${typeText(property.type, where)}:${descriptionOf(property.description, `${where}'s description`)}`,
          );
        }
      }
    }
    tally.tokens += f.funcEnd;
  }
  return { tokens: tally.tokens, approximate: tally.approximate, encoding };
}
