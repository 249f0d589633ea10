import type { EncodingName } from './encoding-table.js';

/**
 * The fixed overheads of OpenAI's chat format, from the openai-cookbook notebook
 * "How to count tokens with tiktoken" (sections 6 and 7), where they were checked against
 * the token counts the API reported.
 */
export interface ChatFormat {
  /** `<|start|>{role}<|message|>...<|end|>` around every message. */
  readonly tokensPerMessage: number;
  /** Extra token when a message carries a `name`. */
  readonly tokensPerName: number;
  /** Every reply is primed with `<|start|>assistant<|message|>`. */
  readonly replyPriming: number;
  /** Start of each function definition. */
  readonly funcInit: number;
  /** Start of a function's properties. */
  readonly propInit: number;
  /** Each property. */
  readonly propKey: number;
  /** A property with an enum list (negative in the notebook). */
  readonly enumInit: number;
  /** Each enum item, besides its own tokens. */
  readonly enumItem: number;
  /** End of the function definitions. */
  readonly funcEnd: number;
  /**
   * Allowance per tool call in an assistant message's `tool_calls`, on top of its name,
   * arguments and id counted as text. OpenAI does not publish how calls are rendered; a
   * reported measurement (gpt-3.5-turbo, OpenAI community forum "Strange token cost
   * calculation for tool_calls") saw 25 to 49 tokens per call and result for a 2-token
   * name and a 9-token argument string. 32 is meant to err high, not a proven bound.
   */
  readonly toolCall: number;
}

// gpt-4o / gpt-4o-mini rows (o200k); the notebook has no rows for gpt-5, gpt-4.1 or the
// o-series, which share o200k and, as far as published, the same chat format.
const O200K: ChatFormat = Object.freeze({
  tokensPerMessage: 3,
  tokensPerName: 1,
  replyPriming: 3,
  funcInit: 7,
  propInit: 3,
  propKey: 3,
  enumInit: -3,
  enumItem: 3,
  funcEnd: 12,
  toolCall: 32,
});

// gpt-3.5-turbo / gpt-4 rows (cl100k).
const CL100K: ChatFormat = Object.freeze({ ...O200K, funcInit: 10 });

/** The chat format constants for an encoding's model family. */
export function chatFormat(encoding: EncodingName): ChatFormat {
  return encoding === 'o200k_base' ? O200K : CL100K;
}
