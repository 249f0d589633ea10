import type { EncodingName } from './encoding-table.js';

/** The result of counting tokens. */
export interface TokenCount {
  /** Number of tokens. Exact unless `approximate` is true, in which case it is meant to err high. */
  readonly tokens: number;
  /**
   * True when some piece of the text was too long to merge in bounded time and was counted
   * as its UTF-8 byte length, a proven upper bound (BPE starts from one token per byte and
   * only merges), or when `countChatTokens` counted an assistant's `tool_calls`, or a tool
   * schema nested below its top-level properties, whose rendering OpenAI does not publish
   * (text plus allowances meant to err high, not a proven bound). A budget built on this
   * count over-reserves rather than under-counts.
   */
  readonly approximate: boolean;
  /** The encoding the count used. */
  readonly encoding: EncodingName;
}

/** Options shared by the counting functions. */
export interface CountOptions {
  /** Model name; its encoding comes from the project's table (`encodingForModel`). */
  readonly model: string;
  /** Force an encoding instead of looking the model up (for models the table does not know). */
  readonly encoding?: EncodingName;
}
