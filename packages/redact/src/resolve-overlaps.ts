import type { Finding } from './finding.js';

/**
 * Types whose findings are credentials: one that overlaps personal data keeps the whole
 * span, since a password ending in an e-mail address or an IP is still a password.
 */
const CREDENTIAL_TYPES: ReadonlySet<string> = new Set(['secret', 'url_credentials']);

/**
 * Merges each group of overlapping findings into one finding that covers their union, so
 * no character any detector found is left in clear (dropping the losing finding whole
 * once left the head of `S3cr3t#Pass!admin@db.local` around the e-mail inside it). The
 * merged finding carries the type, kind and detector of the winner: a credential over
 * personal data, then the higher `priority` (a GitHub token over the generic `token=`
 * assignment around it), then the longer span, then the earlier one.
 * Sorts `findings` in place; returns them sorted by start, non-overlapping.
 */
export function resolveOverlaps(
  findings: Finding[],
  priorityOf: (finding: Finding) => number,
): Finding[] {
  if (findings.length < 2) return findings;
  findings.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Finding[] = [];
  let best = findings[0]!;
  let start = best.start;
  let end = best.end;
  for (let i = 1; i < findings.length; i++) {
    const f = findings[i]!;
    if (f.start < end) {
      // Same group: widen it and keep the stronger finding's labels.
      if (f.end > end) end = f.end;
      if (beats(f, best, priorityOf)) best = f;
      continue;
    }
    kept.push(spanning(best, start, end));
    best = f;
    start = f.start;
    end = f.end;
  }
  kept.push(spanning(best, start, end));
  return kept;
}

/** `winner` widened to the group's span; a copy, since a host detector's findings are its own. */
function spanning(winner: Finding, start: number, end: number): Finding {
  return winner.start === start && winner.end === end ? winner : { ...winner, start, end };
}

function beats(a: Finding, b: Finding, priorityOf: (finding: Finding) => number): boolean {
  const ca = CREDENTIAL_TYPES.has(a.type);
  if (ca !== CREDENTIAL_TYPES.has(b.type)) return ca;
  const pa = priorityOf(a);
  const pb = priorityOf(b);
  if (pa !== pb) return pa > pb;
  return a.end - a.start > b.end - b.start;
}
