import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemas, safeParseAutomationPolicy, safeParseRequestEnvelope } from '../src/index.js';

const fixtures = new URL('./fixtures/', import.meta.url);
const readJson = (path: string) => JSON.parse(readFileSync(new URL(path, fixtures), 'utf8'));
const policy = readJson('automation-policy.v1/valid/spec-example-filled.json');
const envelope = readJson('request-envelope.v1/valid/all-optional-fields.json');

/** Ids at and around every edge of the policy id's shape. */
const ids = [
  'pm-assist-default',
  'p',
  'A.b_c:d@e-f',
  '9lives',
  'x'.repeat(128),
  'x'.repeat(129),
  '',
  '-leading-dash',
  '.hidden',
  '@1',
  'has space',
  'slash/in',
  '../up',
  'tab\tin',
  'é-accent',
  'new\nline',
];

describe('policy_id means one thing in a policy and in an envelope', () => {
  it.each(ids)('%j: an envelope accepts it exactly when a policy can have it', (id) => {
    const asPolicy = safeParseAutomationPolicy({ ...policy, policy_id: id }).success;
    const inEnvelope = safeParseRequestEnvelope({ ...envelope, policy_id: id }).success;
    expect(inEnvelope).toBe(asPolicy);
  });

  it('the published JSON Schemas give both the same shape', () => {
    const policyId = (jsonSchemas.automationPolicyV1 as { properties: Record<string, unknown> })
      .properties.policy_id;
    const envelopeId = (jsonSchemas.requestEnvelopeV1 as { properties: Record<string, unknown> })
      .properties.policy_id;
    expect(envelopeId).toEqual(policyId);
  });
});
