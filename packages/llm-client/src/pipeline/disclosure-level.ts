import { PmError } from '@pm/envelope-schemas';
import type { Disclosure, DisclosureLevel } from '@pm/redact';
import { MAX_CONTEXT_DEPTH } from './context-depth.js';

/** A disclosure level of @pm/redact's ladder: 1, 2, 3, 4 or 5. */
export function isDisclosureLevel(value: unknown): value is DisclosureLevel {
  return value === 1 || value === 2 || value === 3 || value === 4 || value === 5;
}

/**
 * Whether `value` is what `buildDisclosure` (from @pm/redact) returns: an object with a
 * `level` of 1-5, the `profile` it was redacted by and its `schema` summary. All three are
 * required members of `Disclosure`, so an ordinary context that happens to have a `level`
 * is not taken for one.
 */
function isDisclosure(value: unknown): value is Disclosure {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const candidate = value as Partial<Record<keyof Disclosure, unknown>>;
  return (
    isDisclosureLevel(candidate.level) &&
    typeof candidate.profile === 'string' &&
    Array.isArray(candidate.schema)
  );
}

/** The highest level of any disclosure in `value`, at any depth; each object looked at once. */
function highestLevel(
  value: unknown,
  depth: number,
  seen: WeakSet<object>,
): DisclosureLevel | undefined {
  if (typeof value !== 'object' || value === null || depth > MAX_CONTEXT_DEPTH) return undefined;
  if (seen.has(value)) return undefined;
  seen.add(value);
  if (isDisclosure(value)) return value.samples !== undefined ? 5 : value.level;
  let highest: DisclosureLevel | undefined;
  for (const child of Array.isArray(value) ? value : Object.values(value)) {
    const level = highestLevel(child, depth + 1, seen);
    if (level !== undefined && (highest === undefined || level > highest)) highest = level;
    if (highest === 5) break;
  }
  return highest;
}

/**
 * The disclosure level a context carries: the highest of the disclosures in it, the context
 * itself or any nested in it (`{ summary: disclosure }`, `[d1, d2]`): a disclosure's `level`,
 * and 5 whenever it holds `samples` (whatever its `level` says: the rows are what the
 * `samples` approval is for). Wrapping a level-5 disclosure must not send its samples without
 * that approval. Undefined for a context that holds no disclosure.
 */
export function contextDisclosureLevel(context: unknown): DisclosureLevel | undefined {
  return highestLevel(context, 0, new WeakSet());
}

/**
 * The level a call discloses, which gates it, is recorded in its envelope and shown to the
 * template: the declared `disclosureLevel`, else the context's. The context's level cannot
 * be declared away: a declared level below it is `INVALID_ARGUMENT`, since it would let
 * level-5 samples out without their approval. Undefined when neither says.
 */
export function effectiveDisclosureLevel(call: {
  context?: unknown;
  disclosureLevel?: DisclosureLevel | undefined;
}): DisclosureLevel | undefined {
  const carried = contextDisclosureLevel(call.context);
  const declared = call.disclosureLevel;
  if (declared !== undefined && carried !== undefined && declared < carried) {
    throw new PmError(
      'INVALID_ARGUMENT',
      `The call's disclosureLevel ${declared} is lower than the level of its context (${carried}${carried === 5 ? ', it holds samples' : ''}, from buildDisclosure); omit disclosureLevel or pass ${carried}.`,
      { details: { field: 'disclosureLevel', declared, context: carried } },
    );
  }
  return declared ?? carried;
}
