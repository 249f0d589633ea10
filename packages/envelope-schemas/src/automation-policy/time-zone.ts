/**
 * The shape of an IANA time zone name (`UTC`, `Europe/London`, `America/Argentina/Salta`).
 * JSON Schema can check only this shape; `isKnownTimeZone` also checks that the zone exists.
 */
export const TIME_ZONE_PATTERN = /^(?:UTC|[A-Za-z][A-Za-z_+-]*(?:\/[A-Za-z0-9][A-Za-z0-9_+-]*)+)$/;

/** True when Node's ICU data knows the zone. */
export function isKnownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
