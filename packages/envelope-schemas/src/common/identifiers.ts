import { z } from 'zod';

/**
 * Shared field shapes. Each pattern is ECMAScript regex syntax that JSON Schema validators
 * (ajv, draft 2020-12, `u` flag) run the same way zod does, so both agree on every input.
 */

/**
 * A run id: a UUID or any id of letters, digits, `.`, `_`, `:` and `-`, starting with a
 * letter or digit, at most 128 characters. The ledger uses it as a directory name, so
 * slashes and a leading dot (`..`) are impossible by construction.
 */
export const RunId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, {
    error:
      'must be 1-128 letters, digits, ".", "_", ":" or "-", starting with a letter or digit (a UUID works)',
  })
  .describe('Run identifier: a UUID or another id safe to use as a directory name.');

/**
 * An automation policy's id, e.g. `pm-assist-default`: 1-128 letters, digits, `.`, `_`,
 * `:`, `@` and `-`, starting with a letter or digit. One schema for the policy's own
 * `policy_id` and the envelopes made under it, so an envelope can name only an id a
 * policy can have.
 */
export const PolicyId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/, {
  error:
    'must be 1-128 letters, digits, ".", "_", ":", "@" or "-", starting with a letter or digit',
});

/** A pipeline stage name, e.g. `interpret-goal`. */
export const StageName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, {
    error: 'must be 1-64 letters, digits, ".", "_", ":" or "-", starting with a letter or digit',
  })
  .describe('Pipeline stage name.');

/** A model name as the provider spells it, e.g. `gpt-5.2-codex`. */
export const ModelName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/, {
    error: 'must be a model name such as "gpt-5.2" (letters, digits, ".", "_", ":", "/", "-")',
  })
  .describe('Model name as the provider spells it.');

/** A content address produced by the ledger's artifact store. */
export const ArtifactRef = z
  .string()
  .regex(/^artifact:\/\/sha256:[0-9a-f]{64}$/, {
    error: 'must be "artifact://sha256:" followed by 64 lowercase hex digits',
  })
  .describe('Content address of a stored artifact: artifact://sha256:<64 lowercase hex>.');

/** A lowercase hex SHA-256 digest. */
export const Sha256Hex = z
  .string()
  .regex(/^[0-9a-f]{64}$/, { error: 'must be a SHA-256 digest: 64 lowercase hex digits' });

/**
 * An id pinned to a version, `<name>@<version>`, e.g. `homebrew@1` or `next-command@1`.
 * Envelopes carry versioned ids so a recorded request names exactly what was used.
 */
export const VersionedId = z.string().regex(/^[a-z][a-z0-9._-]{0,63}@[1-9][0-9]{0,5}$/, {
  error: 'must be "<name>@<version>", e.g. "homebrew@1" (lowercase name, version from 1)',
});

/** An RFC 3339 timestamp with a time zone offset, e.g. `2026-11-22T09:30:00.000Z`. */
export const Timestamp = z.iso
  .datetime({
    offset: true,
    error: 'must be an RFC 3339 date-time with offset, e.g. 2026-11-22T09:30:00Z',
  })
  .describe('RFC 3339 date-time with an offset.');

/** Reasoning effort levels a request may ask for. */
export const ReasoningEffort = z.enum(['low', 'medium', 'high', 'xhigh']);
export type ReasoningEffort = z.infer<typeof ReasoningEffort>;
