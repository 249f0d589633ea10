import { describe, expect, it } from 'vitest';
import { MESSAGE_PROBLEMS } from '../src/errors/schema-validation-error.js';
import { type SchemaValidationError, safeParseRequestEnvelope } from '../src/index.js';

const envelope = {
  schema_version: '1',
  run_id: 'run-1',
  stage: 'draft',
  model: 'gpt-5.2',
  input_artifacts: [] as unknown[],
  redaction_profile: 'homebrew@1',
  response_schema: 'narrative@1',
};

describe('SchemaValidationError message size', () => {
  it('lists the first problems and counts the rest; problems keeps them all', () => {
    const result = safeParseRequestEnvelope({
      ...envelope,
      input_artifacts: Array.from({ length: 5_000 }, () => 'not-a-ref'),
    });
    expect(result.success).toBe(false);
    const error = (result as { error: SchemaValidationError }).error;
    expect(error.problems).toHaveLength(5_000);
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('Invalid RequestEnvelopeV1 (5000 problems); fix these fields:');
    expect(lines).toHaveLength(1 + MESSAGE_PROBLEMS + 1);
    expect(lines[MESSAGE_PROBLEMS]).toMatch(/^ {2}- \$\.input_artifacts\[49\]: /);
    expect(lines.at(-1)).toBe(
      `  … and ${5_000 - MESSAGE_PROBLEMS} more (error.problems lists every one)`,
    );
    expect(error.message.length).toBeLessThan(10_000);
  });

  it('lists every problem when there are few', () => {
    const result = safeParseRequestEnvelope({ ...envelope, input_artifacts: ['x', 'y'] });
    const error = (result as { error: SchemaValidationError }).error;
    expect(error.message.split('\n')).toHaveLength(3);
    expect(error.message).not.toContain('more (error.problems');
  });
});
