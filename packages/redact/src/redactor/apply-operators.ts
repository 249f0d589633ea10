import type { RedactionOperator } from '@pm/envelope-schemas';
import type { Finding } from '../finding.js';
import { numberEnd, placeholderQuote } from './json-number-quote.js';

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
 * are sorted and non-overlapping, so each input character is copied at most once. A
 * replacement of a whole JSON number (`{"pan":4111111111111111}`, also with a fraction
 * or an exponent: `4111111111111111.0`) is written as a JSON string
 * (`{"pan":"[CREDIT_CARD_1]"}`), so JSON stays JSON (see `placeholderQuote`).
 */
export function applyOperators(
  text: string,
  findings: readonly Finding[],
  table: OperatorTable,
): string {
  if (findings.length === 0) return text;
  let out = '';
  let at = 0;
  let previousQuote: string | null = null;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    out += text.slice(at, f.start);
    const replacement = table.replace(f.type, text.slice(f.start, f.end));
    // A JSON number goes whole, its fraction or exponent (`4111111111111111.0`) included.
    const end = numberEnd(text, f.end, findings[i + 1]?.start ?? text.length);
    const quote = placeholderQuote(text, f.start, end, at === 0 ? -1 : at, previousQuote);
    if (quote === null) {
      out += replacement;
      at = f.end;
    } else {
      out += `${quote}${replacement}${quote}`;
      at = end;
    }
    previousQuote = quote;
  }
  return out + text.slice(at);
}

/** Adds each finding's type to `counts`. */
export function countByType(findings: readonly Finding[], counts: Record<string, number>): void {
  for (const f of findings) counts[f.type] = (counts[f.type] ?? 0) + 1;
}
