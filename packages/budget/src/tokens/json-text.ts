import { InvalidArgumentError } from '../errors/invalid-argument-error.js';

/**
 * `value` as the JSON text a request would send, to be counted. A value JSON cannot hold (a
 * cycle, a BigInt) could not be sent either: INVALID_ARGUMENT naming `where`, never the value.
 */
export function jsonText(value: unknown, where: string): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    throw new InvalidArgumentError(
      `${where} cannot be serialised as JSON (a cycle or a BigInt?), so it cannot be sent or counted.`,
    );
  }
}
