import { PmError } from '@pm/envelope-schemas';

type OpenAIModule = typeof import('openai');

let loading: Promise<OpenAIModule> | undefined;

/**
 * Loads the optional `openai` peer on first use, so importing `@pm/llm-client/openai` costs
 * nothing until a call is made, and a missing install gives an error that says what to run.
 */
export function loadOpenAI(): Promise<OpenAIModule> {
  loading ??= import('openai').catch((cause: unknown) => {
    loading = undefined;
    throw new PmError(
      'OPTIONAL_DEPENDENCY_MISSING',
      'The OpenAI provider needs the official SDK: run `npm install openai@^6`, or use the default offline provider.',
      { cause },
    );
  });
  return loading;
}
