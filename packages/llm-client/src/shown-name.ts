import { kindOf } from './kind-of.js';
import { scrubSecrets } from './secrets/scrub-text.js';

/** How much of a name a message shows: enough to recognise it, not a pasted document. */
const MAX_SHOWN = 64;

/**
 * A name the host wrote (an option, a model, a template id) as a message shows it: as written,
 * cut at 64 characters, unless it holds what `scrubSecrets` takes out (a value that is not a
 * string: its kind). A key given where a
 * name goes (the model and key variables swapped) would otherwise be quoted into the error,
 * the `call.failed` event and the ledger's error record.
 */
export function shownName(name: unknown): string {
  if (typeof name !== 'string') return kindOf(name);
  if (scrubSecrets(name) !== name) return `(${name.length} characters that look like a key)`;
  return name.length > MAX_SHOWN ? `${name.slice(0, MAX_SHOWN)}...` : name;
}
