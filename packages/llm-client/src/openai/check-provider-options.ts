import { PmError } from '@pm/envelope-schemas';
import { kindOf } from '../kind-of.js';
import { shownName } from '../shown-name.js';
import { shownValue } from '../shown-value.js';

/** Every option `openaiProvider` takes; each one's value is checked where it is read. */
const OPTION_NAMES = ['apiKey', 'baseURL', 'api', 'timeoutMs', 'maxAnswerBytes'] as const;

/**
 * Refuses options `openaiProvider` does not know, with `INVALID_ARGUMENT` naming the option.
 * A misspelt one would silently be its default: `baseUrl` for `baseURL` sends the prompt to
 * `https://api.openai.com` (which the default egress list then allows) instead of the
 * gateway, and an SDK option such as `timeout` or `maxRetries` would be dropped unseen.
 */
export function checkProviderOptions(options: unknown): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new PmError(
      'INVALID_ARGUMENT',
      `openaiProvider(options) takes an object (${OPTION_NAMES.join(', ')}); got ${kindOf(options)}.`,
      { details: { field: 'options' } },
    );
  }
  for (const name of Object.keys(options)) {
    if ((OPTION_NAMES as readonly string[]).includes(name)) continue;
    const meant = OPTION_NAMES.find((known) => known.toLowerCase() === name.toLowerCase());
    // The name is the host's text, not a value: shown short, so a pasted key stays out.
    const shown = JSON.stringify(shownName(name.length > 40 ? `${name.slice(0, 40)}...` : name));
    throw new PmError(
      'INVALID_ARGUMENT',
      `openaiProvider({ ${shown} }) is not an option${meant ? `; did you mean ${meant}?` : '.'} The options are ${OPTION_NAMES.join(', ')}.`,
      { details: { field: shownName(name.slice(0, 40)) } },
    );
  }
}

/** The longest wait a Node timer can hold (a longer one fires after 1 ms). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The `api` option: `'chat'` when left out. Only `undefined` means "left out": `null` (e.g.
 * `api: config.api ?? null`) used to fall back to Chat Completions silently, and anything
 * but 'chat' once meant the Responses API, so a typo changed the endpoint.
 */
export function providerApi(value: unknown): 'chat' | 'responses' {
  if (value === undefined) return 'chat';
  if (value === 'chat' || value === 'responses') return value;
  throw new PmError(
    'INVALID_ARGUMENT',
    `openaiProvider({ api }) must be 'chat' (Chat Completions, the default) or 'responses' (the Responses API), or left out; got ${shownValue(value)}.`,
    { details: { field: 'api' } },
  );
}

/**
 * The `timeoutMs` option: 60,000 when left out. The message shows what was given as it was
 * given: `String(value)` said "got 100" for the string "100", which reads as a valid value.
 */
export function providerTimeoutMs(value: unknown): number {
  if (value === undefined) return 60_000;
  if (typeof value === 'number' && value > 0 && value <= MAX_TIMER_MS) return value;
  throw new PmError(
    'INVALID_ARGUMENT',
    `openaiProvider({ timeoutMs }) must be a number of milliseconds above 0 and up to ${MAX_TIMER_MS}, or left out (60000); got ${shownValue(value)}.`,
    { details: { field: 'timeoutMs' } },
  );
}

/**
 * The `maxAnswerBytes` option: `undefined` (the default bound, sized per call from its
 * `maxOutputTokens`) when left out, else a whole number of bytes of at least 1024 (an answer's
 * envelope alone takes hundreds).
 */
export function providerMaxAnswerBytes(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (Number.isSafeInteger(value) && (value as number) >= 1024) return value as number;
  throw new PmError(
    'INVALID_ARGUMENT',
    `openaiProvider({ maxAnswerBytes }) must be a whole number of bytes of at least 1024, or left out (1 MiB plus 64 bytes per maxOutputTokens of each call); got ${shownValue(value)}.`,
    { details: { field: 'maxAnswerBytes' } },
  );
}
