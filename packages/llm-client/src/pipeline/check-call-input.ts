import { PmError, ReasoningEffort, VersionedId } from '@pm/envelope-schemas';
import { kindOf } from '../kind-of.js';
import { unreadableOptionError } from '../read-options.js';
import { unknownOption } from '../unknown-option.js';
import type { CallInput } from './call-input.js';
import { type ReadCallInput, UNREADABLE_OPTION } from './call-options.js';
import { MAX_CONTEXT_DEPTH } from './context-depth.js';
import { effectiveDisclosureLevel, isDisclosureLevel } from './disclosure-level.js';
import { isAbortSignal } from './is-abort-signal.js';
import { MAX_CALL_TOKENS } from './max-call-tokens.js';

/** The options a call takes; `schema` and `schemaId` are generateObject's. */
const CALL_OPTIONS: readonly string[] = [
  'model',
  'maxOutputTokens',
  'input',
  'template',
  'context',
  'stage',
  'disclosureLevel',
  'reasoningEffort',
  'drivesAction',
  'signal',
  'schema',
  'schemaId',
];
/** Set by generateText and generateObject themselves. */
const INTERNAL_OPTIONS: readonly string[] = ['structured'];

function invalid(field: string, message: string): PmError {
  return new PmError('INVALID_ARGUMENT', `The call's ${field} ${message}`, {
    details: { field },
  });
}

/**
 * The path of the first value in `value` that the prompt's JSON cannot carry: a bigint, a
 * function or a symbol (JSON.stringify throws or drops them), or a Map or Set (they would
 * be sent as `{}`, their data silently gone). Null when there is none.
 */
function firstNonJson(
  value: unknown,
  path: string,
  depth: number,
  seen: WeakSet<object>,
): string | null {
  const type = typeof value;
  if (type === 'bigint' || type === 'function' || type === 'symbol') return `${path} (${type})`;
  if (typeof value !== 'object' || value === null || depth > MAX_CONTEXT_DEPTH) return null;
  // Each object once: a tree with `parent` pointers has exponentially many paths, and the
  // redactor replaces the cycle itself (`[CIRCULAR]`).
  if (seen.has(value)) return null;
  seen.add(value);
  if (value instanceof Map || value instanceof Set) {
    return `${path} (a ${value instanceof Map ? 'Map' : 'Set'})`;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstNonJson(value[i], `${path}[${i}]`, depth + 1, seen);
      if (found !== null) return found;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    // Keys are host data too: only their position is named.
    const found = firstNonJson(
      (value as Record<string, unknown>)[key],
      `${path}.<key>`,
      depth + 1,
      seen,
    );
    if (found !== null) return found;
  }
  return null;
}

/**
 * Checks the options of one call before anything is reserved, sent or written, so a
 * mistake is an `INVALID_ARGUMENT` that names the option and says what it must be, not a
 * `TypeError` (or an "unexpected" render failure) halfway through the pipeline.
 */
export function checkCallInput(call: CallInput): void {
  if (typeof call !== 'object' || call === null) {
    throw invalid(
      'options',
      `must be an object ({ model, maxOutputTokens, ... }); got ${kindOf(call)}.`,
    );
  }
  // First: the options after it were not read (see callOptions).
  const unreadable = (call as ReadCallInput)[UNREADABLE_OPTION];
  if (unreadable) throw unreadableOptionError(`The call's ${unreadable.field}`, unreadable);
  const unknown = unknownOption(call, CALL_OPTIONS.concat(INTERNAL_OPTIONS));
  if (unknown !== undefined) {
    throw invalid(
      unknown,
      `is not an option; the options are ${CALL_OPTIONS.join(', ')} (the user's text goes in input, data for the prompt in context).`,
    );
  }
  if (typeof call.model !== 'string' || call.model === '') {
    throw invalid('model', `must be a model name such as "gpt-5.2"; got ${kindOf(call.model)}.`);
  }
  if (
    !Number.isSafeInteger(call.maxOutputTokens) ||
    call.maxOutputTokens < 1 ||
    call.maxOutputTokens > MAX_CALL_TOKENS
  ) {
    throw invalid(
      'maxOutputTokens',
      `must be a whole number of tokens from 1 to ${MAX_CALL_TOKENS.toLocaleString('en-US')} (the output ceiling, reserved in full before the call); got ${kindOf(call.maxOutputTokens)}${typeof call.maxOutputTokens === 'number' ? ` ${call.maxOutputTokens}` : ''}.`,
    );
  }
  if (call.input !== undefined && typeof call.input !== 'string') {
    throw invalid('input', `must be a string (the user's text); got ${kindOf(call.input)}.`);
  }
  if (call.template !== undefined && typeof call.template !== 'string') {
    throw invalid(
      'template',
      `must be a template id such as "draft-narrative@1"; got ${kindOf(call.template)}.`,
    );
  }
  if (call.disclosureLevel !== undefined && !isDisclosureLevel(call.disclosureLevel)) {
    throw invalid(
      'disclosureLevel',
      'must be 1, 2, 3, 4 or 5 (see buildDisclosure in @pm/redact).',
    );
  }
  if (
    call.reasoningEffort !== undefined &&
    !ReasoningEffort.safeParse(call.reasoningEffort).success
  ) {
    throw invalid('reasoningEffort', `must be one of ${ReasoningEffort.options.join(', ')}.`);
  }
  if (call.drivesAction !== undefined && typeof call.drivesAction !== 'boolean') {
    throw invalid('drivesAction', `must be true or false; got ${kindOf(call.drivesAction)}.`);
  }
  if (call.signal !== undefined && !isAbortSignal(call.signal)) {
    throw invalid(
      'signal',
      `must be an AbortSignal (e.g. AbortSignal.timeout(ms) or an AbortController's signal); got ${kindOf(call.signal)}.`,
    );
  }
  checkResponseSchema(call);
  const nonJson = firstNonJson(call.context, '$', 0, new WeakSet());
  if (nonJson !== null) {
    throw invalid(
      'context',
      `holds a value JSON cannot carry at ${nonJson}; convert it first (a bigint to a string or number, a Map to an object, a Set to an array).`,
    );
  }
  if (
    call.template === undefined &&
    call.context === undefined &&
    (call.input === undefined || call.input.trim() === '')
  ) {
    // The model would be asked about nothing, and a remote call billed for it.
    throw invalid(
      'input',
      "is missing: give input (the user's text), context (data for the prompt) or a template; the call has nothing to send.",
    );
  }
  // A declared level below the context's own (a disclosure's level, 5 with samples) is refused.
  effectiveDisclosureLevel(call);
}

/** A zod schema: what `generateObject` validates the output with (`safeParse`). */
function isZodSchema(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { safeParse?: unknown }).safeParse === 'function'
  );
}

/**
 * `generateObject`'s `schema` and `schemaId`. Without a schema the output would be returned
 * unvalidated, and without a valid id the envelope would name the wrong (`text@1`) or no
 * response schema: both refused before anything is written, naming the option.
 */
function checkResponseSchema(call: CallInput): void {
  if (call.structured === false && call.schema !== undefined) {
    throw invalid(
      'schema',
      'is for generateObject: generateText returns text and validates none. Call generateObject({ schema, schemaId }) for a validated object.',
    );
  }
  if (call.schema === undefined) {
    if (call.structured) {
      throw invalid(
        'schema',
        'must be a zod schema (generateObject validates the output with it before returning it); got undefined. Use generateText for text.',
      );
    }
  } else if (!isZodSchema(call.schema)) {
    throw invalid(
      'schema',
      `must be a zod schema, e.g. z.object({ ... }); got ${kindOf(call.schema)}.`,
    );
  }
  if (call.schemaId === undefined) {
    if (call.schema !== undefined) {
      throw invalid(
        'schemaId',
        'must name the response schema with its version, e.g. "next-command@1" (it is recorded in the envelope); got undefined.',
      );
    }
  } else if (!VersionedId.safeParse(call.schemaId).success) {
    throw invalid(
      'schemaId',
      `must be "<name>@<version>": a lowercase name of letters, digits, ".", "_" or "-" (up to 64) and a version from 1, e.g. "next-command@1"; got ${typeof call.schemaId === 'string' ? `a string of ${call.schemaId.length} character(s) that is not one` : kindOf(call.schemaId)}.`,
    );
  }
}
