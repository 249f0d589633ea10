import { answerText } from './read-answer.js';

/** What a Responses API `output` list holds for the caller. */
export interface ResponsesOutput {
  /** The text of its `output_text` parts, joined, as the SDK's `output_text` joins them. */
  text: string;
  /** A message carries a `refusal` part. */
  refused: boolean;
  /**
   * It holds a message item. Without one (an empty list, a reasoning item only) there is no
   * answer at all, like a chat completion without a choice; see decision 0012.
   */
  hasMessage: boolean;
}

type Item = { type?: unknown; content?: unknown };
type Part = { type?: unknown; text?: unknown };

/**
 * Reads the answer out of an `output` list that `unreadableResponsesBody` has checked (a list
 * of objects, each message's content a list of objects). Read here rather than from the SDK's
 * `output_text`, which the SDK computes in a way that throws on a body it did not expect. A
 * text part whose text is not a string is a body that cannot be read (`answerText`).
 */
export function readResponsesOutput(output: readonly unknown[]): ResponsesOutput {
  let text = '';
  let refused = false;
  let hasMessage = false;
  for (const item of output as readonly Item[]) {
    if (item.type !== 'message') continue;
    hasMessage = true;
    for (const part of item.content as readonly Part[]) {
      if (part.type === 'refusal') refused = true;
      if (part.type === 'output_text') text += answerText(part.text);
    }
  }
  return { text, refused, hasMessage };
}
