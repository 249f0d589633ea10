/** Three digits, 100-599: an HTTP status written as text. */
const STATUS_TEXT = /^[1-5]\d\d$/;

/**
 * A provider failure's HTTP status as a number. Some gateways and SDK wrappers hand the
 * status over as text (`'503'`): it is taken as its number, so the error's `status`, its
 * details and the `call.retry` event say 503 alike. Any other value that is not a number
 * (`'Service Unavailable'`, an object) is left out: it says no status, and a host's string
 * could hold anything, a key included.
 */
export function httpStatus(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  return typeof value === 'string' && STATUS_TEXT.test(value) ? Number(value) : undefined;
}
