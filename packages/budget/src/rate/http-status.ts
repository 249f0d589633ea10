/** Three digits, 100-599: an HTTP status written as text. */
const STATUS_TEXT = /^[1-5]\d\d$/;

/**
 * An HTTP status as a number. Some gateways and SDK wrappers hand the status over as text
 * (`'503'`): it is taken as its number, so retries and errors treat it as 503. Any other
 * value that is not a number (`'Service Unavailable'`, an object) is no status (undefined):
 * a host's string could hold anything, a key included, and is never passed on.
 */
export function httpStatus(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && STATUS_TEXT.test(value) ? Number(value) : undefined;
}
