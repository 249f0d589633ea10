import { PmError } from '@pm/envelope-schemas';
import { kindOf } from '../kind-of.js';

/** Every option `openaiProvider` takes; each one's value is checked where it is read. */
const OPTION_NAMES = ['apiKey', 'baseURL', 'api', 'timeoutMs'] as const;

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
    const shown = JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}...` : name);
    throw new PmError(
      'INVALID_ARGUMENT',
      `openaiProvider({ ${shown} }) is not an option${meant ? `; did you mean ${meant}?` : '.'} The options are ${OPTION_NAMES.join(', ')}.`,
      { details: { field: name.slice(0, 40) } },
    );
  }
}
