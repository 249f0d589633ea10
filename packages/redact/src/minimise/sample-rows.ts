import type { RedactionProfileV1 } from '@pm/envelope-schemas';
import type { BuiltinProfileName } from '../profiles/builtin-profiles.js';
import { createRedactor } from '../redactor/create-redactor.js';
import type { Redactor, RedactorOptions } from '../redactor/types.js';
import {
  type ApprovalContext,
  checkApprovalContext,
  requireSamplesApproval,
} from './check-approval.js';
import {
  checkOptionsObject,
  invalidArgument,
  resolveCount,
  resolveSeed,
} from './invalid-argument.js';
import { Reservoir } from './reservoir.js';
import { checkRowSource, consumeRows, isRow, type Row, type RowSource } from './rows.js';

/** The profile that redacts samples: a redactor, or what `createRedactor` takes. */
export type ProfileInput = Redactor | BuiltinProfileName | RedactionProfileV1;

/** Options of `sampleRows`. */
export interface SampleRowsOptions extends ApprovalContext {
  /** How many rows to sample (uniformly, one pass): a whole number, 0 or more. */
  n: number;
  /** An `ApprovalDecisionV1` approving the `samples` scope. Without it: `ApprovalRequiredError`. */
  approval: unknown;
  /** Profile that redacts each sampled row. Default `homebrew`. */
  profile?: ProfileInput;
  /** HMAC key, when `profile` names a hashing profile. */
  hashKey?: RedactorOptions['hashKey'];
  /** PRNG seed, a whole number; the same rows and seed give the same sample. Default 0. */
  seed?: number;
}

/** The options `sampleRows` reads: typed, so a new one must be listed. */
const OPTIONS: Record<keyof SampleRowsOptions, true> = {
  n: true,
  approval: true,
  profile: true,
  hashKey: true,
  seed: true,
  runId: true,
  stage: true,
  at: true,
};

/** Level 5: redacted sample rows. */
export interface SampleRowsResult {
  /**
   * The sampled rows, each redacted by the profile; only objects (`null` lines and other
   * non-objects are skipped).
   */
  rows: Row[];
  /** Rows read in all, non-objects included. */
  rowsSeen: number;
  /** Findings per type over the sampled rows. */
  counts: Record<string, number>;
  /** The profile applied, e.g. `homebrew@1`. */
  profile: string;
  /** Who approved, as recorded in the approval. */
  approvedBy: string;
}

/**
 * Resolves the profile input to a redactor (reused when one is given). `fn` names the
 * ladder function in an error.
 */
export function toRedactor(
  profile: ProfileInput | undefined,
  hashKey: RedactorOptions['hashKey'] | undefined,
  fn: string,
): Redactor {
  if (profile !== undefined && typeof profile === 'object' && 'redactValue' in profile) {
    // A redactor hashes with the key it was made with: this one would be ignored, and a
    // host rotating keys would believe the new one was used.
    if (hashKey !== undefined) {
      throw invalidArgument(
        fn,
        'hashKey',
        'left out when profile is a Redactor',
        hashKey,
        'the redactor hashes with its own key: give the key to createRedactor().',
      );
    }
    return profile;
  }
  return createRedactor({
    profile: profile ?? 'homebrew',
    ...(hashKey === undefined ? {} : { hashKey }),
  });
}

function redactSample(
  redactor: Redactor,
  items: Row[],
  seen: number,
  approvedBy: string,
): SampleRowsResult {
  const { value, counts } = redactor.redactValue(items);
  return { rows: value as Row[], rowsSeen: seen, counts, profile: redactor.profile, approvedBy };
}

/**
 * Disclosure level 5: `n` rows sampled uniformly in one pass, each redacted by the profile.
 * The approval is checked before any row is read: without an approval of the `samples`
 * scope it throws `ApprovalRequiredError` (code `APPROVAL_REQUIRED`). Arguments of the wrong
 * shape (`rows` not iterable, options not an object, `n` not a whole number of 0 or more,
 * `seed` not a whole number, `runId`/`stage` not strings, `at` not a valid Date) are
 * refused first, with `INVALID_ARGUMENT`.
 */
export function sampleRows(rows: Iterable<Row>, options: SampleRowsOptions): SampleRowsResult;
export function sampleRows(
  rows: AsyncIterable<Row>,
  options: SampleRowsOptions,
): Promise<SampleRowsResult>;
export function sampleRows(
  rows: RowSource,
  options: SampleRowsOptions,
): SampleRowsResult | Promise<SampleRowsResult>;
export function sampleRows(
  rows: RowSource,
  options: SampleRowsOptions,
): SampleRowsResult | Promise<SampleRowsResult> {
  checkOptionsObject(options, 'sampleRows', '{ n: 20, approval }', OPTIONS);
  checkRowSource(rows, 'sampleRows');
  const n = resolveCount(options.n, 'sampleRows', 'n', undefined);
  const seed = resolveSeed(options.seed, 'sampleRows');
  checkApprovalContext(options, 'sampleRows');
  const decision = requireSamplesApproval(options.approval, options);
  const redactor = toRedactor(options.profile, options.hashKey, 'sampleRows');
  const reservoir = new Reservoir<Row>(n, seed);
  let seen = 0;
  return consumeRows(
    rows,
    (row) => {
      seen++;
      // A `null` line is skipped here as everywhere on the ladder, not given a sample's place.
      if (isRow(row)) reservoir.add(row);
    },
    () => redactSample(redactor, reservoir.result().items, seen, decision.approver),
  );
}
