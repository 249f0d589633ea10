/** A text part of a multi-part message content. */
export interface ChatTextPart {
  /** Only text parts are counted. */
  readonly type: 'text';
  /** The text. */
  readonly text: string;
}

/** An assistant's refusal, as a content part; counted as its text. */
export interface ChatRefusalPart {
  /** The refusal part's type. */
  readonly type: 'refusal';
  /** What the model said instead of answering. */
  readonly refusal: string;
}

/** One chat message, as sent to the Chat Completions API. */
export interface ChatMessage {
  /** `system`, `developer`, `user`, `assistant` or `tool`. */
  readonly role: string;
  /**
   * The content: a string, text (or refusal) parts, or null (assistant tool calls). Other
   * parts (images, audio, files) cannot be counted: `countChatTokens` refuses them.
   */
  readonly content?: string | readonly (ChatTextPart | ChatRefusalPart)[] | null;
  /** Optional participant name; costs one extra token. */
  readonly name?: string;
  /** An assistant's tool calls; counted approximately (see `countChatTokens`). */
  readonly tool_calls?: readonly ChatToolCall[] | null;
  /** Other string fields (e.g. `tool_call_id`) are counted like the cookbook counts every value. */
  readonly [key: string]: unknown;
}

/** One tool call of an assistant message, as the Chat Completions API returns it. */
export interface ChatToolCall {
  /** Call id, echoed by the tool message's `tool_call_id`. */
  readonly id?: string;
  /** Always `function`. */
  readonly type?: string;
  /** The function called and its arguments (a JSON string). */
  readonly function?: { readonly name?: string; readonly arguments?: string };
  readonly [key: string]: unknown;
}

/**
 * A JSON-schema property of a function definition. Its own `properties` and `items` (and
 * enums within them) and subschemas such as `anyOf` are counted too, approximately.
 */
export interface ChatToolProperty {
  /** JSON type, e.g. `string`. */
  readonly type?: unknown;
  /** What the property means. */
  readonly description?: string;
  /** Allowed values. */
  readonly enum?: readonly unknown[];
  readonly [key: string]: unknown;
}

/** A function tool, as sent in `tools`. */
export interface ChatTool {
  /** Always `function`. */
  readonly type: 'function';
  /** The function definition. */
  readonly function: {
    /** Function name. */
    readonly name: string;
    /** What the function does. */
    readonly description?: string;
    /** JSON schema of the arguments (other keywords, e.g. `$defs`, are allowed and counted). */
    readonly parameters?: {
      readonly properties?: Readonly<Record<string, ChatToolProperty>>;
      readonly [key: string]: unknown;
    };
  };
}
