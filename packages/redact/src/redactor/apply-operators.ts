import type { RedactionOperator } from '@pm/envelope-schemas';
import type { Finding } from '../finding.js';

/** Turns one finding's value into its replacement (or `''` for drop). */
export type Replace = (type: string, value: string) => string;

/** Chooses the operator for a type and applies it. Compiled once per redactor. */
export interface OperatorTable {
  /** Operator used for `type` by the profile. */
  operatorFor(type: string): RedactionOperator;
  /** The replacement text for a value of `type`. */
  replace: Replace;
}

/**
 * Rebuilds `text` with every finding replaced. One pass, pieces joined once: findings
 * are sorted and non-overlapping, so each input character is copied at most once.
 */
export function applyOperators(
  text: string,
  findings: readonly Finding[],
  table: OperatorTable,
): string {
  if (findings.length === 0) return text;
  let out = '';
  let at = 0;
  for (const f of findings) {
    out += text.slice(at, f.start);
    out += table.replace(f.type, text.slice(f.start, f.end));
    at = f.end;
  }
  return out + text.slice(at);
}

/** Adds each finding's type to `counts`. */
export function countByType(findings: readonly Finding[], counts: Record<string, number>): void {
  for (const f of findings) counts[f.type] = (counts[f.type] ?? 0) + 1;
}
