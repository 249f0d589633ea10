import { isPlaceholder } from './placeholder.js';

/**
 * True when `body` (a key's random part, without its prefix) holds a digit, a lower-case
 * and an upper-case letter and is no placeholder, as a base-62 key of 24 characters or
 * more does nearly always (24 random characters miss a digit 1.5 % of the time, 35 miss
 * one 0.3 %, 52 0.01 %): a name or word that runs into a provider's prefix seldom mixes
 * all three. Used where a key glued to text before it has only its shape to prove it.
 */
export function isIssuedRandomBody(body: string): boolean {
  let digit = false;
  let lower = false;
  let upper = false;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c >= 48 && c <= 57) digit = true;
    else if (c >= 97 && c <= 122) lower = true;
    else if (c >= 65 && c <= 90) upper = true;
  }
  return digit && lower && upper && !isPlaceholder(body);
}
