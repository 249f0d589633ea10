/**
 * What separates an HTTP auth scheme (`Bearer`, `Basic`, `Token`) from its credentials:
 * 1-4 blanks, or a folded header line (RFC 7230 obs-fold: a line break then a space or
 * tab), which mail and HTTP/1.0 clients still write and which left the credentials on the
 * next line in clear. Bounded: linear.
 */
export const SCHEME_GAP = String.raw`(?:[ \t]{1,4}|\r?\n[ \t]{1,16})`;

/**
 * What may come between a header's `:` and its value: up to 3 blanks, then optionally a
 * folded line break (`Authorization:\r\n Token …`). Bounded: linear.
 */
export const VALUE_GAP = String.raw`[ \t]{0,3}(?:\r?\n[ \t]{1,16})?`;
