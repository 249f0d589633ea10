import { copyOptions, type UnreadableOption } from '../read-options.js';
import type { CallInput } from './call-input.js';

/** Where a call's input carries the option that could not be read, for `checkCallInput`. */
export const UNREADABLE_OPTION = Symbol('pm.unreadableOption');

/** A call's input that may say which of the host's options could not be read. */
export type ReadCallInput = CallInput & { [UNREADABLE_OPTION]?: UnreadableOption };

/**
 * A call's options read once into a plain copy, with the fields its run method sets
 * (`schemaId`, `structured`). An option whose getter throws is not thrown here but carried to
 * `checkCallInput`, which refuses it as `INVALID_ARGUMENT` inside the pipeline, so the call
 * leaves an `error` record naming the option, like any other bad option.
 */
export function callOptions(options: unknown, fixed: Partial<CallInput>): ReadCallInput {
  const copy =
    typeof options === 'object' && options !== null ? copyOptions(options) : { values: {} };
  return {
    ...copy.values,
    ...fixed,
    ...(copy.unreadable ? { [UNREADABLE_OPTION]: copy.unreadable } : {}),
  } as ReadCallInput;
}
