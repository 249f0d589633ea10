/**
 * A base64url character, `[A-Za-z0-9_-]`: what a token is made of, so one of these right
 * before or after a match means the match is part of a longer word.
 */
export function isTokenChar(c: number): boolean {
  return (
    (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45
  );
}
