import type { Finding } from './finding.js';

/**
 * Keeps one finding per overlapping region: the higher `priority` (a GitHub token beats the
 * generic `token=` assignment around it), then the longer span, then the earlier one.
 * Sorts `findings` in place; returns them sorted by start, non-overlapping.
 */
export function resolveOverlaps(
  findings: Finding[],
  priorityOf: (finding: Finding) => number,
): Finding[] {
  if (findings.length < 2) return findings;
  findings.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Finding[] = [];
  for (const f of findings) {
    // Pop kept findings the new one overlaps and beats; drop it if one of them wins.
    let keep = true;
    while (kept.length > 0) {
      const last = kept[kept.length - 1]!;
      if (last.end <= f.start) break;
      if (beats(f, last, priorityOf)) kept.pop();
      else {
        keep = false;
        break;
      }
    }
    if (keep) kept.push(f);
  }
  return kept;
}

function beats(a: Finding, b: Finding, priorityOf: (finding: Finding) => number): boolean {
  const pa = priorityOf(a);
  const pb = priorityOf(b);
  if (pa !== pb) return pa > pb;
  return a.end - a.start > b.end - b.start;
}
