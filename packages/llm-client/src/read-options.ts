import { PmError } from '@pm/envelope-schemas';
import { thrownKind } from './thrown-kind.js';

/** An option whose value could not be read: its getter (or a Proxy's trap) threw. */
export interface UnreadableOption {
  /** The option's name, or `options` when the object's keys could not be listed. */
  readonly field: string;
  /** What was thrown, as `thrownKind` words it (never its message). */
  readonly threw: string;
}

/** A plain copy of an options object, or how far it got before an option could not be read. */
export interface OptionsCopy {
  readonly values: Record<string, unknown>;
  readonly unreadable?: UnreadableOption;
}

/** An option name as a message shows it: a name as written, anything else not at all. */
function shownField(key: string): string {
  return /^[A-Za-z_$][\w$]{0,63}$/.test(key) ? key : 'an option';
}

/**
 * Reads every enumerable option of `options` (own and inherited, as `options.x` would) once,
 * into a plain object. What a host passes may be a getter or a Proxy that throws, and its
 * error, read as it is, reached the host untyped, quoting whatever its message held (a
 * config loader's error may quote the secret it failed on); a getter read twice could also
 * give the check one value and the use another. Stops at the first option that cannot be read.
 */
export function copyOptions(options: object): OptionsCopy {
  const values: Record<string, unknown> = {};
  const keys: string[] = [];
  try {
    for (const key in options) keys.push(key);
  } catch (error) {
    return { values, unreadable: { field: 'options', threw: thrownKind(error) } };
  }
  for (const key of keys) {
    try {
      values[key] = (options as Record<string, unknown>)[key];
    } catch (error) {
      return { values, unreadable: { field: shownField(key), threw: thrownKind(error) } };
    }
  }
  return { values };
}

/**
 * The `INVALID_ARGUMENT` for an option that could not be read; `where` names it as the
 * caller's messages do (`openaiProvider({ apiKey })`, `The call's model`).
 */
export function unreadableOptionError(where: string, unreadable: UnreadableOption): PmError {
  return new PmError(
    'INVALID_ARGUMENT',
    `${where} could not be read: reading it threw ${unreadable.threw} (not quoted: it may hold a secret). Pass it as a plain value, not a getter or a Proxy that throws.`,
    { details: { field: unreadable.field } },
  );
}

/**
 * `options` as a plain copy read once (see {@link copyOptions}), or the `INVALID_ARGUMENT` of
 * the first option that could not be read, named by `where(field)`. A value that is not an
 * object (or is an array) is returned as it is, for the caller's own check to refuse.
 */
export function readOptions<T>(options: T, where: (field: string) => string): T {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return options;
  const copy = copyOptions(options);
  if (copy.unreadable) throw unreadableOptionError(where(copy.unreadable.field), copy.unreadable);
  return copy.values as T;
}
