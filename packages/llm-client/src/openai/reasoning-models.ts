import type { ReasoningEffort } from '@pm/envelope-schemas';

// OpenAI's reasoning families; a fine-tune (`ft:o4-mini-…:org::id`) is its base model's.
const REASONING_FAMILY = /^(gpt-5|o1|o3|o4)/;
// The chat variants of GPT-5 (`gpt-5-chat-latest`, `gpt-5.2-chat-latest`) are not reasoning
// models: the API refuses `reasoning_effort` there (or any value but its default).
const CHAT_VARIANT = /^gpt-5(\.\d+)?-chat/;

/**
 * Whether `model` takes `reasoning_effort`: sending it to any other model is a 400, so
 * the request leaves it out and the model runs at its own default.
 */
export function takesReasoningEffort(model: string): boolean {
  const base = model.startsWith('ft:') ? model.slice(3) : model;
  return REASONING_FAMILY.test(base) && !CHAT_VARIANT.test(base);
}

/**
 * The effort the OpenAI provider sends for `request`: the requested one to a model that takes
 * it, none to any other. The call and the envelope both use this, so the ledger records
 * exactly what was sent.
 */
export function sentReasoningEffort(request: {
  model: string;
  reasoningEffort: ReasoningEffort;
}): ReasoningEffort | undefined {
  return takesReasoningEffort(request.model) ? request.reasoningEffort : undefined;
}
