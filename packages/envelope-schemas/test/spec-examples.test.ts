import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { jsonSchemas, safeParseAutomationPolicy, safeParseRequestEnvelope } from '../src/index.js';

// The two example objects of SPEC-260 "Interfaces and Data", verbatim.
const specEnvelope = {
  schema_version: '1',
  run_id: 'uuid-or-run-id',
  stage: 'string',
  model: 'gpt-5.2-codex',
  reasoning_effort: 'low|medium|high|xhigh',
  input_artifacts: ['artifact://hash'],
  redaction_profile: 'policy-id',
  response_schema: 'schema-id',
};
const specPolicy = {
  schema_version: '1',
  policy_id: 'string',
  execution_mode: 'local|cloud|hybrid',
  requires_approval: true,
  max_cost_usd: 500,
  max_runtime_minutes: 240,
  allowed_models: ['gpt-5.2-codex', 'gpt-5.2'],
  run_windows: ['weekday:09:00-18:00'],
};

const ajv = new Ajv2020({ strict: true, validateFormats: false });
const validateEnvelope = ajv.compile(jsonSchemas.requestEnvelopeV1);
const validatePolicy = ajv.compile(jsonSchemas.automationPolicyV1);
const hash = 'artifact://sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

describe('SPEC-260 examples as written (placeholders and all)', () => {
  it('the envelope is rejected by zod and ajv, naming the placeholder fields', () => {
    const result = safeParseRequestEnvelope(specEnvelope);
    expect(result.success).toBe(false);
    if (result.success) return;
    const paths = result.problems.map((p) => p.path);
    expect(paths).toContain('$.reasoning_effort');
    expect(paths).toContain('$.input_artifacts[0]');
    expect(paths).toContain('$.redaction_profile');
    expect(paths).toContain('$.response_schema');
    expect(validateEnvelope(specEnvelope)).toBe(false);
  });

  it('the policy is rejected by zod and ajv, naming execution_mode', () => {
    const result = safeParseAutomationPolicy(specPolicy);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.problems.map((p) => p.path)).toEqual(['$.execution_mode']);
    expect(validatePolicy(specPolicy)).toBe(false);
  });
});

describe('SPEC-260 examples with each placeholder filled in', () => {
  it.each(['low', 'medium', 'high', 'xhigh'])(
    'the envelope with reasoning_effort %s is valid',
    (effort) => {
      const filled = {
        ...specEnvelope,
        run_id: '3b241101-e2bb-4255-8caf-4136c566a962',
        stage: 'interpret-goal',
        reasoning_effort: effort,
        input_artifacts: [hash],
        redaction_profile: 'homebrew@1',
        response_schema: 'goal-interpretation@1',
      };
      expect(safeParseRequestEnvelope(filled).success).toBe(true);
      expect(validateEnvelope(filled), JSON.stringify(validateEnvelope.errors)).toBe(true);
    },
  );

  it('the envelope without reasoning_effort is valid: a model that takes none is sent none (decision 0010)', () => {
    const { reasoning_effort: _none, ...filled } = {
      ...specEnvelope,
      run_id: '3b241101-e2bb-4255-8caf-4136c566a962',
      stage: 'interpret-goal',
      model: 'gpt-4o',
      input_artifacts: [hash],
      redaction_profile: 'homebrew@1',
      response_schema: 'goal-interpretation@1',
    };
    expect(safeParseRequestEnvelope(filled).success).toBe(true);
    expect(validateEnvelope(filled), JSON.stringify(validateEnvelope.errors)).toBe(true);
  });

  it.each(['local', 'cloud', 'hybrid'])('the policy with execution_mode %s is valid', (mode) => {
    const filled = { ...specPolicy, policy_id: 'pm-assist-default', execution_mode: mode };
    expect(safeParseAutomationPolicy(filled).success).toBe(true);
    expect(validatePolicy(filled), JSON.stringify(validatePolicy.errors)).toBe(true);
  });
});
