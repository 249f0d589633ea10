import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// A setting named in one member and held in the next (`{"name":"DB_PASSWORD","value":…}`:
// Kubernetes and ECS env lists, HAR headers, AWS tags) passed in clear, as JSON or YAML
// text and as an object given to redactValue: `value` is no credential name.
const rng = createPrng(20261212);
const value = `${rng.chars(BASE62, 14)}7q`;

describe('a name/value pair written as text', () => {
  it.each([
    `{"name":"DB_PASSWORD","value":"${value}"}`,
    `"env": [{"name": "API_TOKEN", "value": "${value}"}]`,
    `{"name":"X-Api-Key","value":"${value}"}`,
    `{"name":"Authorization","value":"Token ${value}"}`,
    `{"Key": "db_password",\n  "Value": "${value}"}`,
    `{"log":"{\\"name\\":\\"DB_PASSWORD\\",\\"value\\":\\"${value}\\"}"}`,
    `env:\n  - name: DB_PASSWORD\n    value: ${value}\n  - name: MODE\n    value: prod\n`,
    `env:\n- name: "SECRET_KEY"\n  value: "${value}"\n`,
    `- name: api_key\n  value: '${value}' # rotated monthly\n`,
  ])('%s', (text) => {
    expect(spans(text)).toEqual([value]);
    expect(createRedactor().redactText(text).text).not.toContain(value);
  });

  it.each([
    `{"name":"DB_HOST","value":"db-${value}"}`,
    '{"name":"DB_PASSWORD","valueFrom":{"secretKeyRef":{"name":"db","key":"password"}}}',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a variable, written as such
    '{"name":"DB_PASSWORD","value":"${DB_PASSWORD}"}',
    '{"name":"API_TOKEN","value":""}',
    `env:\n  - name: DB_PASSWORD\n  value: ${value}\n`,
    `- name: DB_PASSWORD\n  description: the ${value}\n`,
    '- name: DB_PASSWORD\n  value: changeme\n',
  ])('leaves %s alone', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });

  it('is linear on repeated names', () => {
    const pair = '{"name":"DB_PASSWORD","value":';
    expectLinearTime((n) => pair.repeat(n / pair.length), detectSecrets, 1_000_000);
    expectLinearTime((n) => 'name: token\n'.repeat(n / 12), detectSecrets, 1_000_000);
    expectLinearTime((n) => `${'x'.repeat(n)}name: token\nvalue: `, detectSecrets, 1_000_000);
  });
});

describe('a name/value pair passed to redactValue', () => {
  it('replaces the value of a credential named beside it', () => {
    const out = createRedactor().redactValue({
      env: [
        { name: 'DB_PASSWORD', value: 'raspberry' },
        { name: 'MODE', value: 'prod' },
      ],
      headers: [{ Name: 'Authorization', Value: `Token ${value}` }],
    });
    expect(out.value).toEqual({
      env: [
        { name: 'DB_PASSWORD', value: '[SECRET_1]' },
        { name: 'MODE', value: 'prod' },
      ],
      headers: [{ Name: 'Authorization', Value: '[SECRET_2]' }],
    });
    expect(out.findings.map((f) => f.path)).toEqual(['$.env[0].value', '$.headers[0].Value']);
  });

  it('leaves other names and a value held elsewhere alone', () => {
    const env = [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db' } } }];
    expect(createRedactor().redactValue(env).value).toEqual(env);
  });
});
