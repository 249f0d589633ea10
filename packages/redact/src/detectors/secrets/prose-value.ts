import type { Finding } from '../../finding.js';
import { isPlaceholder } from './placeholder.js';
import { isSecretValue } from './secret-value-shape.js';

/**
 * What comes between a sentence's verb and the value it gives (a regular expression's
 * source): blanks, or a colon (after a blank too, as French writes it: `est : …`) and
 * blanks, or a colon and a line break (a blank line and indentation too: `Your password
 * is:\n\n    …` in a welcome e-mail).
 */
const BEFORE_VALUE = String.raw`(?:[ \t]{0,2}:[ \t]{0,4}(?:\r?\n[ \t]{0,8}){1,2}|(?:[ \t]{0,2}:)?[ \t]{1,4})`;

/**
 * What follows a credential's name in an English sentence, up to its value (a regular
 * expression's source): an optional `for|of|on` and one to three words (`password for the
 * admin account`), then `is`/`was` (with `now`, `still`, `just` or `actually`, and
 * `set|changed|reset to`) or `set|changed|reset|updated to`, or Italian `è` (`la password
 * è …`), then `BEFORE_VALUE`. Any letter case. Every quantifier is bounded, so each attempt
 * reads a few hundred characters at most: linear.
 */
const AFTER_NAME_IN_PROSE = String.raw`(?:[ \t]{1,4}(?:for|of|on)(?:[ \t]{1,4}[^ \t\r\n]{1,64}){1,3}?)?[ \t]{1,4}(?:(?:is|was|è)(?:[ \t]{1,4}(?:now|still|just|actually))?(?:[ \t]{1,4}(?:set|changed|reset)[ \t]{1,4}to)?|(?:set|changed|reset|updated)[ \t]{1,4}to)${BEFORE_VALUE}`;

/**
 * What may come before a credential's name when the value follows the name at once, with
 * no verb (a regular expression's source, for a lookbehind): `with`, `using` or `use`, an
 * optional determiner and one of a few adjectives (`log in as admin with the temporary
 * password …`, `authenticate using token …`). Bounded: linear.
 */
const BEFORE_NAME_IN_PROSE = String.raw`(?<![A-Za-z0-9])(?:with|using|use)[ \t]{1,4}(?:(?:the|a|an|this|that|my|your|our|their|its)[ \t]{1,4})?(?:(?:new|temporary|temp|initial|default|old|current|same|following)[ \t]{1,4})?`;

/**
 * The two ways a sentence leads from a credential's name (`name`, a regular expression's
 * source: `(?:token|secret)`) to its value, tried in this order from where the name starts:
 * a verb after it (`AFTER_NAME_IN_PROSE`: `the token is …`), or `with`/`using`/`use` before
 * it and blanks after (`BEFORE_NAME_IN_PROSE`: `log in with the token …`). Any letter case.
 */
export function proseLeads(name: string): readonly RegExp[] {
  return [
    new RegExp(`(?<![A-Za-z0-9])${name}${AFTER_NAME_IN_PROSE}`, 'giy'),
    new RegExp(`(?<=${BEFORE_NAME_IN_PROSE})${name}[ \\t]{1,4}`, 'giy'),
  ];
}

/**
 * The lead of a sentence in another language from a credential's name (`name`, a regular
 * expression's source) to its value: the name, blanks, one of `verbs` (`lautet|ist`), then
 * `BEFORE_VALUE`. Any letter case; bounded: linear.
 */
export function localizedProseLead(name: string, verbs: string): RegExp {
  return new RegExp(`${name}[ \\t]{1,4}(?:${verbs})${BEFORE_VALUE}`, 'giy');
}

/**
 * Reads the value after the first of `leads` that matches at `start` (a name's start), if
 * one does, and reports it as {@link reportProseValue} does.
 */
export function reportAfterLead(
  text: string,
  start: number,
  leads: readonly RegExp[],
  out: Finding[],
  detector: string,
): void {
  for (const lead of leads) {
    lead.lastIndex = start;
    if (lead.test(text)) {
      reportProseValue(text, lead.lastIndex, out, detector);
      return;
    }
  }
}

/**
 * The value after the lead: quoted (up to 256 characters to its closing quote, on the
 * line) or to a blank. Neither part can backtrack into the other: linear.
 */
const VALUE = /(["'`])([^"'`\r\n]{1,256})\1|(\S+)/y;

/** Digits alone, six or more: a numeric password (a PIN-like one), unless a placeholder (`000000`). */
const DIGITS = /^\d{6,}$/;

/**
 * Reads the value a sentence gives from `from` (just past its lead) and reports it as a
 * `generic` secret found by `detector` when {@link isProsePassword} says it is one. The
 * span is the whole bare token, its closing punctuation included (masked, not guessed
 * at), or the text inside the quotes.
 */
function reportProseValue(text: string, from: number, out: Finding[], detector: string): void {
  VALUE.lastIndex = from;
  const match = VALUE.exec(text);
  if (match === null) return;
  const quoted = match[2];
  const value = quoted ?? judgedProseValue(match[3]!);
  // Backticks quote code (a Markdown code span, a template), judged as a bare value is:
  // `args[token.index]` is an expression.
  if (!isProsePassword(value, quoted === undefined || match[1] === '`')) return;
  const start = quoted === undefined ? from : from + 1;
  const end = quoted === undefined ? VALUE.lastIndex : VALUE.lastIndex - 1;
  out.push({ type: 'secret', kind: 'generic', start, end, detector });
}

/**
 * Whether a value given in prose is a credential: shaped like a secret as an assignment's
 * value is (`bare`: not quoted), or six digits or more that are no placeholder.
 */
export function isProsePassword(value: string, bare: boolean): boolean {
  return isSecretValue(value, bare, false) || (DIGITS.test(value) && !isPlaceholder(value));
}

/** Around a bare value in prose or in the code quoting it: `(hunter2)`, `is hunter2.");`. */
const OPENING = '(["\'`';
const CLOSING = '.,;:!?)]}"\'`\\';
/** The letters of `\n`, `\r` and `\t`, escaped at the end of a string quoting prose. */
const ESCAPES = 'nrt';

/**
 * What of a bare value is judged: without the punctuation of the sentence or the code
 * around it (`is hunter2.`, `"… password was supplied.");`, `is displayed.\n'`), and
 * nothing when it holds an HTML-escaped quote (`Password is correct.&quot;`: markup quoting
 * prose). The span still covers the whole token: masked, not guessed at.
 */
export function judgedProseValue(token: string): string {
  let start = 0;
  let end = token.length;
  while (start < end && OPENING.includes(token[start]!)) start++;
  while (end > start) {
    if (CLOSING.includes(token[end - 1]!)) end--;
    // A line break escaped in the string quoting the sentence (`is displayed.\n'`).
    else if (end - start >= 2 && token[end - 2] === '\\' && ESCAPES.includes(token[end - 1]!)) {
      end -= 2;
    } else break;
  }
  const part = token.slice(start, end);
  return part.includes('&quot') || part.includes('&#') ? '' : part;
}
