import { z } from 'zod';
import { recordOf } from '../common/record-of.js';
import { createParser } from '../parse/create-parser.js';

/** What happens to a detected value: a typed placeholder, a keyed hash, or nothing at all. */
export const RedactionOperator = z.enum(['mask', 'hash', 'drop']);
export type RedactionOperator = z.infer<typeof RedactionOperator>;

const FindingTypeName = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, {
  error: 'must be a finding type such as "email" or "secret" (lowercase, digits, "_")',
});
const FieldName = z.string().min(1).max(256);

/**
 * A redaction profile (v1): data, not code, so a profile can be reviewed, versioned and
 * recorded. `@pm/redact` ships `homebrew@1`, `hashed-retail@1` and `strict@1`.
 */
export const RedactionProfileV1 = z
  .strictObject({
    /** Always `"1"` for this version. */
    schema_version: z.literal('1'),
    /** Profile name, e.g. `homebrew`. Recorded with its version as `homebrew@1`. */
    profile_id: z.string().regex(/^[a-z][a-z0-9._-]{0,63}$/, {
      error: 'must be a lowercase profile name such as "homebrew"',
    }),
    /** Profile version; a changed profile gets a new version. */
    version: z.int().min(1),
    /** What the profile is for, for reviewers. */
    description: z.string().max(2000),
    /** Operator for finding types not listed in `operators`. */
    default_operator: RedactionOperator,
    /** Operator per finding type (`email`, `phone`, `secret`, ...). */
    operators: recordOf(FindingTypeName, RedactionOperator),
    /** Fields (object keys, any case) whose whole values are hashed: customer and order ids. */
    hash_fields: z.array(FieldName),
    /** Free-text fields (object keys, any case) dropped whole. */
    drop_fields: z.array(FieldName),
    /** Whether the profile needs an HMAC key; it refuses to run without one. */
    requires_hash_key: z.boolean(),
  })
  .describe('Redaction profile, version 1.');
export type RedactionProfileV1 = z.infer<typeof RedactionProfileV1>;

const redactionProfileParser = createParser('RedactionProfileV1', RedactionProfileV1);
/** Validates a redaction profile; throws `SchemaValidationError` listing every problem. */
export const parseRedactionProfile = redactionProfileParser.parse;
/** Validates a redaction profile; returns a result instead of throwing. */
export const safeParseRedactionProfile = redactionProfileParser.safeParse;
