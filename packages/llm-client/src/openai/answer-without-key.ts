import { REDACTED_TEXT } from '@pm/envelope-schemas';

/**
 * The answer's text with every form of the key sent (`forms`, longest first) as
 * `[REDACTED]`. The prompt is redacted, so a model cannot know the key: one in the answer was
 * put there by what answered (a debugging proxy or mock echoing the request's headers), and
 * the text is stored as an artifact for good and handed to the host. Only the key in use is
 * taken out: a model's text is otherwise returned as written.
 */
export function answerWithoutKey(text: string, forms: readonly string[]): string {
  let out = text;
  for (const form of forms) {
    if (out.includes(form)) out = out.split(form).join(REDACTED_TEXT);
  }
  return out;
}
