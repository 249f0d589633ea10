import { PmError } from '@pm/envelope-schemas';
import type { PromptMessage } from '../provider/provider.js';
import { renderDataBlock } from './data-block.js';
import type { PromptTemplate } from './prompt-template.js';

/** Values for a template's placeholders: numbers and booleans inline, anything else as a data block. */
export type TemplateValues = Readonly<Record<string, unknown>>;

/** A rendered prompt. */
export interface RenderedPrompt {
  messages: PromptMessage[];
  /** Placeholders whose data was cut to the cap. */
  truncated: string[];
}

/** Default cap of one data block, in UTF-16 units (~4k tokens). */
export const DEFAULT_MAX_BLOCK_CHARS = 16_000;

/**
 * Step 4 of the pipeline: fills a template. Instructions come only from the template file;
 * every string or object value becomes a fenced data block in the user message.
 */
export function renderPrompt(
  template: PromptTemplate,
  values: TemplateValues,
  maxBlockChars = DEFAULT_MAX_BLOCK_CHARS,
): RenderedPrompt {
  const missing = template.placeholders.filter((name) => values[name] === undefined);
  if (missing.length > 0) {
    throw new PmError(
      'INVALID_ARGUMENT',
      `Template ${template.id}@${template.version} needs a value for: ${missing.join(', ')}.`,
      { details: { template: `${template.id}@${template.version}`, missing } },
    );
  }
  const truncated: string[] = [];
  const user = template.user.replace(/\{\{([a-z][a-z0-9_]*)\}\}/g, (_match, name: string) => {
    const value = values[name];
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    const block = renderDataBlock(name, value, maxBlockChars);
    if (block.truncated) truncated.push(name);
    return block.text;
  });
  return {
    messages: [
      { role: 'system', content: template.system },
      { role: 'user', content: user },
    ],
    truncated,
  };
}
