/** A text part of a multi-part message content. */
export interface ChatTextPart {
  /** Only text parts are counted. */
  readonly type: 'text';
  /** The text. */
  readonly text: string;
}

/** One chat message, as sent to the Chat Completions API. */
export interface ChatMessage {
  /** `system`, `developer`, `user`, `assistant` or `tool`. */
  readonly role: string;
  /** The content: a string, text parts, or null (assistant tool calls). */
  readonly content?: string | readonly ChatTextPart[] | null;
  /** Optional participant name; costs one extra token. */
  readonly name?: string;
  /** Other string fields (e.g. `tool_call_id`) are counted like the cookbook counts every value. */
  readonly [key: string]: unknown;
}

/** A JSON-schema property of a function definition. */
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
    /** JSON schema of the arguments. */
    readonly parameters?: { readonly properties?: Readonly<Record<string, ChatToolProperty>> };
  };
}
