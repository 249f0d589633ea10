import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import {
  parseApprovalDecision,
  parseAutomationPolicy,
  parseLedgerRecord,
  parseRedactionProfile,
  parseRequestEnvelope,
  SchemaValidationError,
} from '../src/index.js';

// Every fixture is checked by zod and by ajv against the published file; both must agree.
const parsers: Record<string, (input: unknown) => unknown> = {
  'request-envelope.v1': parseRequestEnvelope,
  'automation-policy.v1': parseAutomationPolicy,
  'approval-decision.v1': parseApprovalDecision,
  'redaction-profile.v1': parseRedactionProfile,
  'ledger-record.v1': parseLedgerRecord,
};

const fixtures = new URL('./fixtures/', import.meta.url);
const published = new URL('../schemas/', import.meta.url);
const readJson = (url: URL) => JSON.parse(readFileSync(url, 'utf8'));
// `format` keywords are annotations here: every date-time also carries a `pattern`.
const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false });

function zodVerdict(parse: (input: unknown) => unknown, doc: unknown) {
  try {
    parse(doc);
    return { valid: true, message: '' };
  } catch (error) {
    expect(error).toBeInstanceOf(SchemaValidationError);
    return { valid: false, message: (error as SchemaValidationError).message };
  }
}

describe.each(Object.keys(parsers))('%s fixtures', (name) => {
  const parse = parsers[name]!;
  const validate = ajv.compile(readJson(new URL(`${name}.json`, published)));
  const expectedPaths: Record<string, string[]> = readJson(
    new URL(`${name}/invalid-paths.json`, fixtures),
  );

  const files = (kind: string) => readdirSync(new URL(`${name}/${kind}/`, fixtures));
  it.each(files('valid'))('valid/%s passes zod and ajv', (file) => {
    const doc = readJson(new URL(`${name}/valid/${file}`, fixtures));
    expect(zodVerdict(parse, doc).valid).toBe(true);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each(files('invalid'))('invalid/%s fails zod and ajv, naming the field', (file) => {
    const doc = readJson(new URL(`${name}/invalid/${file}`, fixtures));
    const verdict = zodVerdict(parse, doc);
    expect(verdict.valid).toBe(false);
    expect(validate(doc)).toBe(false);
    const paths = expectedPaths[file];
    expect(paths, `invalid-paths.json has no entry for ${file}`).toBeDefined();
    for (const path of paths!) expect(verdict.message).toContain(`${path}:`);
  });
});
