import { PmError } from '@pm/envelope-schemas/core';
import type { FindingFilter } from './allow-list.js';
import type { Detector } from './detector.js';
import { dropEncodedPlaceholders } from './encoded-placeholder.js';
import { blankEscapes, startAfterEscapes } from './escaped-text.js';
import type { Finding } from './finding.js';
import { mayMatch, prefilterKeys } from './prefilter.js';
import { resolveOverlaps } from './resolve-overlaps.js';
import { SHORT_TEXT_MAX_LENGTH, type ShortTextGate, shortTextGate } from './short-text-gate.js';
import { mapToOriginal, stripZeroWidth } from './zero-width.js';

/** A set of detectors compiled once: priorities looked up by detector id. */
export interface CompiledDetectors {
  /** The detectors, in run order. */
  readonly detectors: readonly Detector[];
  /** The prefilter of each detector (same index), see {@link prefilterKeys}. */
  readonly prefilters: readonly (readonly string[] | null)[];
  /** Skips the detectors with literals on a short text holding none of them. */
  readonly gate: ShortTextGate | null;
  /** Detector id to overlap priority. */
  readonly priorities: ReadonlyMap<string, number>;
  /** The allow-list: findings it rejects are dropped before overlaps are resolved. */
  readonly filter?: FindingFilter;
}

/** Compiles a detector list for `runDetectors`. */
export function compileDetectors(
  detectors: readonly Detector[],
  filter?: FindingFilter,
): CompiledDetectors {
  const priorities = new Map<string, number>();
  for (const d of detectors) {
    priorities.set(d.id, d.priority);
    for (const extra of d.alsoReports ?? []) priorities.set(extra.id, extra.priority);
  }
  const prefilters = detectors.map(prefilterKeys);
  const gate = shortTextGate(detectors);
  return filter === undefined
    ? { detectors, prefilters, gate, priorities }
    : { detectors, prefilters, gate, priorities, filter };
}

/**
 * Runs every detector whose prefilter passes (and, on a short text, whose literals the
 * gate finds) and resolves overlaps. Findings come back sorted by start and
 * non-overlapping. A text holding zero-width characters is scanned without them and the
 * spans mapped back, so an invisible character cannot hide a token. A text holding
 * escapes (`\n`, `%20`) is also scanned with them blanked (see `blankEscapes`), so a token
 * glued to one is found. Throws `INVALID_ARGUMENT` for anything but a string.
 */
export function runDetectors(compiled: CompiledDetectors, text: string): Finding[] {
  if (typeof text !== 'string') {
    throw new PmError(
      'INVALID_ARGUMENT',
      `Redaction scans a string, got ${text === null ? 'null' : typeof text}; pass the text itself (use redactValue for objects).`,
      { details: { type: text === null ? 'null' : typeof text } },
    );
  }
  if (text.length === 0) return [];
  const stripped = stripZeroWidth(text);
  if (stripped === null) return scanText(compiled, text);
  return mapToOriginal(scanText(compiled, stripped.text), stripped.origin);
}

function scanText(compiled: CompiledDetectors, text: string): Finding[] {
  const out: Finding[] = [];
  if (text.length === 0) return out;
  runEach(compiled, text, out);
  // A second look with escapes blanked: a token right after `\n` or `%20` fails every
  // "starts a token" check on the text itself. The view is scanned besides the text, not
  // instead of it: PEM bodies, `\"…\"` values and `%40` in passwords hold escapes that
  // are theirs. Both scans' findings go through the allow-list on the original text (the
  // value the host sees) and merge below, so the result is their union.
  const view = blankEscapes(text);
  let found = out;
  if (view !== null) {
    const fromView = out.length;
    runEach(compiled, view, out);
    dropEncodedPlaceholders(out, fromView, text, view);
    found = startAfterEscapes(out, text, view);
  }
  if (found.length === 0) return found;
  const { priorities, filter } = compiled;
  const kept = filter === undefined ? found : found.filter((f) => filter(f, text));
  return resolveOverlaps(kept, (f) => priorities.get(f.detector) ?? 0);
}

/** Appends the findings of every detector whose literals `text` may hold. */
function runEach(compiled: CompiledDetectors, text: string, out: Finding[]): void {
  const { detectors, prefilters, gate } = compiled;
  // A short text without any literal skips every detector that has literals at once; one
  // with some runs those whose literals it holds.
  let selected: readonly boolean[] | null = null;
  if (gate !== null && text.length <= SHORT_TEXT_MAX_LENGTH) {
    selected = gate.pattern.test(text) ? gate.select(text) : gate.none;
  }
  for (let i = 0; i < detectors.length; i++) {
    if (selected !== null && !selected[i] && gate!.covers[i]) continue;
    if (mayMatch(prefilters[i]!, text)) detectors[i]!.scan(text, out);
  }
}
