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

function stripDot(text: string): string {
  return text.endsWith('.') ? text.slice(0, -1) : text;
}

/**
 * Counts the prompt tokens of a chat request the way OpenAI publishes it (openai-cookbook,
 * "How to count tokens with tiktoken": `num_tokens_from_messages` and
 * `num_tokens_for_tools`): per-message and per-name overhead, reply priming, and function
 * definitions. The notebook's examples give exactly what the API reported (see tests).
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
    tally.tokens += f.tokensPerMessage;
    for (const key in message) {
      const value = message[key];
      if (typeof value === 'string') {
        add(engine, tally, value);
        if (key === 'name') tally.tokens += f.tokensPerName;
      } else if (key === 'content' && Array.isArray(value)) {
        for (const part of value as readonly unknown[]) {
          const text = (part as { text?: unknown } | null)?.text;
          if (typeof text === 'string') add(engine, tally, text);
        }
      }
    }
  }
  tally.tokens += f.replyPriming;
  const tools = options.tools;
  if (tools !== undefined && tools.length > 0) {
    for (const tool of tools) {
      const fn = tool.function;
      tally.tokens += f.funcInit;
      add(engine, tally, `${fn.name}:${stripDot(fn.description ?? '')}`);
      const properties = fn.parameters?.properties;
      const keys = properties === undefined ? [] : Object.keys(properties);
      if (keys.length > 0) {
        tally.tokens += f.propInit;
        for (const key of keys) {
          const property = properties![key]!;
          tally.tokens += f.propKey;
          if (property.enum !== undefined) {
            tally.tokens += f.enumInit;
            for (const item of property.enum) {
              tally.tokens += f.enumItem;
              add(engine, tally, String(item));
            }
          }
          add(
            engine,
            tally,
            `${key}:${String(property.type)}:${stripDot(property.description ?? '')}`,
          );
        }
      }
    }
    tally.tokens += f.funcEnd;
  }
  return { tokens: tally.tokens, approximate: tally.approximate, encoding };
}
