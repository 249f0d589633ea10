import { z } from 'zod';

/**
 * `z.record(key, value)` that also checks an own `"__proto__"` member. zod's record check
 * skips that member (neither its name nor its value is checked, and the output drops it),
 * while a JSON Schema validator checks it like any other, and `JSON.parse` makes it an
 * ordinary own member: a ledger line with `"redaction_counts": {"__proto__": "text"}`
 * passed zod and failed the published schema. Checked here on the input, by the same
 * schemas as every other member, so both validators agree; the published JSON Schema is
 * the record's own (a refinement adds nothing to it).
 */
export function recordOf<K extends z.core.$ZodRecordKey, V extends z.ZodType>(key: K, value: V) {
  const protoMemberValid = (input: unknown): boolean => {
    if (typeof input !== 'object' || input === null) return true;
    const member = Object.getOwnPropertyDescriptor(input, '__proto__');
    return (
      member === undefined ||
      (z.safeParse(key, '__proto__').success && value.safeParse(member.value).success)
    );
  };
  return z
    .unknown()
    .refine(protoMemberValid, {
      error: 'has a "__proto__" member whose name or value this record does not allow',
    })
    .pipe(z.record(key, value));
}
