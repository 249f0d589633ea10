import { UnknownModelError } from '../errors/unknown-model-error.js';

/** Tokenizer encodings this package can count with. */
export type EncodingName = 'o200k_base' | 'cl100k_base';

/** One row of the model-name-to-encoding table. */
export interface EncodingRule {
  /** Model name, or the start of a family of names (`gpt-5` covers `gpt-5.2-codex`). */
  readonly prefix: string;
  /**
   * Characters allowed right after the prefix. Requiring a separator keeps `gpt-4` from
   * swallowing `gpt-4o` or a future `gpt-4x` by accident: an unknown name must fail loudly.
   */
  readonly separators: string;
  /** The encoding the family uses. */
  readonly encoding: EncodingName;
}

/**
 * The project's own table (js-tiktoken 1.0.21 throws "Unknown model" for `gpt-5.2`).
 * First match wins, so the o200k families come before the bare `gpt-4` rule.
 */
export const encodingTable: readonly EncodingRule[] = Object.freeze([
  { prefix: 'gpt-5', separators: '-.', encoding: 'o200k_base' },
  { prefix: 'gpt-4.1', separators: '-', encoding: 'o200k_base' },
  { prefix: 'gpt-4.5', separators: '-', encoding: 'o200k_base' },
  { prefix: 'gpt-4o', separators: '-', encoding: 'o200k_base' },
  // ChatGPT's gpt-4o (`chatgpt-4o-latest`), as in tiktoken's table.
  { prefix: 'chatgpt-4o', separators: '-', encoding: 'o200k_base' },
  { prefix: 'o1', separators: '-', encoding: 'o200k_base' },
  { prefix: 'o3', separators: '-', encoding: 'o200k_base' },
  { prefix: 'o4', separators: '-', encoding: 'o200k_base' },
  { prefix: 'gpt-4', separators: '-', encoding: 'cl100k_base' },
  { prefix: 'gpt-3.5-turbo', separators: '-', encoding: 'cl100k_base' },
  // Azure OpenAI's deployment name for gpt-3.5-turbo, as in tiktoken's table.
  { prefix: 'gpt-35-turbo', separators: '-', encoding: 'cl100k_base' },
]);

/**
 * The base model of a fine-tuned name (`ft:gpt-4o-mini-2024-07-18:org:suffix:id` ->
 * `gpt-4o-mini-2024-07-18`): a fine-tune tokenizes as its base model, and tiktoken maps
 * `ft:` names by their base too.
 */
function baseModel(model: string): string {
  if (!model.startsWith('ft:')) return model;
  const end = model.indexOf(':', 3);
  return end === -1 ? model.slice(3) : model.slice(3, end);
}

function matches(model: string, rule: EncodingRule): boolean {
  if (!model.startsWith(rule.prefix)) return false;
  if (model.length === rule.prefix.length) return true;
  return rule.separators.includes(model.charAt(rule.prefix.length));
}

/**
 * The encoding for a model name, by prefix; a fine-tuned model (`ft:<base>:...`) by its
 * base model's name. Throws `UnknownModelError` (code
 * `UNKNOWN_MODEL`) rather than guessing: a wrong encoding would mis-count the budget.
 */
export function encodingForModel(model: string): EncodingName {
  if (typeof model !== 'string') throw new UnknownModelError(String(model));
  const base = baseModel(model);
  for (const rule of encodingTable) {
    if (matches(base, rule)) return rule.encoding;
  }
  throw new UnknownModelError(model);
}
