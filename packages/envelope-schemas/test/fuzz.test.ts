import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  jsonSchemas,
  SchemaValidationError,
  safeParseApprovalDecision,
  safeParseAutomationPolicy,
  safeParseLedgerRecord,
  safeParseRedactionProfile,
  safeParseRequestEnvelope,
} from '../src/index.js';

const seed = Number(process.env.FUZZ_SEED ?? 20261122);
const ajv = new Ajv2020({ strict: true, validateFormats: false });
const fixture = (path: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${path}`, import.meta.url), 'utf8'));

const targets = [
  [
    'RequestEnvelopeV1',
    safeParseRequestEnvelope,
    jsonSchemas.requestEnvelopeV1,
    fixture('request-envelope.v1/valid/all-optional-fields.json'),
  ],
  [
    'AutomationPolicyV1',
    safeParseAutomationPolicy,
    jsonSchemas.automationPolicyV1,
    fixture('automation-policy.v1/valid/overnight-and-lists.json'),
  ],
  [
    'ApprovalDecisionV1',
    safeParseApprovalDecision,
    jsonSchemas.approvalDecisionV1,
    fixture('approval-decision.v1/valid/deny-scoped.json'),
  ],
  [
    'RedactionProfileV1',
    safeParseRedactionProfile,
    jsonSchemas.redactionProfileV1,
    fixture('redaction-profile.v1/valid/hashed-retail.json'),
  ],
  [
    'LedgerRecordV1',
    safeParseLedgerRecord,
    jsonSchemas.ledgerRecordV1,
    fixture('ledger-record.v1/valid/response.json'),
  ],
] as const;

/** A valid document with one field replaced by an arbitrary JSON value (or removed). */
function mutated(doc: Record<string, unknown>) {
  const keys = Object.keys(doc);
  return fc
    .tuple(fc.constantFrom(...keys, 'extra_key'), fc.option(fc.jsonValue(), { nil: undefined }))
    .map(([key, value]) => {
      const copy: Record<string, unknown> = { ...doc };
      if (value === undefined) delete copy[key];
      else copy[key] = value;
      return copy;
    });
}

describe.each(targets)('%s under fuzzing', (name, safeParse, jsonSchema, valid) => {
  it('never throws, and every failure is a SchemaValidationError naming a JSON path', () => {
    console.log(`fuzz ${name}: seed ${seed}, 10000 arbitrary values`);
    fc.assert(
      fc.property(fc.oneof(fc.anything(), mutated(valid)), (input) => {
        const result = safeParse(input);
        if (!result.success) {
          expect(result.error).toBeInstanceOf(SchemaValidationError);
          expect(result.error.code).toBe('SCHEMA_INVALID');
          expect(result.problems.length).toBeGreaterThan(0);
          for (const problem of result.problems) expect(problem.path.startsWith('$')).toBe(true);
        }
      }),
      { seed, numRuns: 10_000 },
    );
  });

  it('zod and ajv (published JSON Schema) agree on mutated documents', () => {
    const validate = ajv.compile(jsonSchema);
    console.log(`agreement ${name}: seed ${seed}, 3000 mutations`);
    fc.assert(
      fc.property(mutated(valid), (doc) => {
        expect(safeParse(doc).success).toBe(validate(doc));
      }),
      { seed, numRuns: 3_000 },
    );
  });
});
