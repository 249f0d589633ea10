import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// A name/value pair with another member between its name and value
// (`{"name":"DB_PASSWORD","type":"string","value":"…"}`, either order; YAML's
// `- name: DB_PASSWORD` / `type: string` / `value: …`) passed in clear: the value had to be
// the very next member. Up to three scalar members between are read now. Values are generated.
const rng = createPrng(20261226);
const value = `${rng.chars(BASE62, 14)}3w`;

describe('a name/value pair with members between', () => {
  it.each([
    ['JSON, name first', `{"name":"DB_PASSWORD","type":"string","value":"${value}"}`],
    ['JSON, value first', `{"value":"${value}","type":"string","name":"DB_PASSWORD"}`],
    [
      'JSON, three scalars, spaced',
      `{ "Key": "api_token", "Secure": true, "Version": 3, "Note": null, "Value": "${value}" }`,
    ],
    [
      'JSON inside a JSON string',
      `{"log":"{\\"name\\":\\"DB_PASSWORD\\",\\"type\\":\\"x\\",\\"value\\":\\"${value}\\"}"}`,
    ],
    [
      'JSON over lines',
      `{\n  "name": "CLIENT_SECRET",\n  "type": "secure",\n  "value": "${value}"\n}`,
    ],
    ['YAML, name first', `env:\n  - name: DB_PASSWORD\n    type: string\n    value: ${value}\n`],
    ['YAML, quoted', `- name: "SECRET_KEY"\n  secure: true\n  value: "${value}"\n`],
  ])('%s', (_, text) => {
    expect(spans(text)).toEqual([value]);
    expect(createRedactor().redactText(text).text).not.toContain(value);
  });

  it.each([
    ['four members between', `{"name":"DB_PASSWORD","a":1,"b":2,"c":3,"d":4,"value":"${value}"}`],
    ['an object between', `{"name":"DB_PASSWORD","meta":{"x":1},"value":"${value}"}`],
    ['another object', `[{"name":"DB_PASSWORD","n":30},{"name":"HOST","value":"${value}"}]`],
    ['a pair without its name', `[{"name":"DB_PASSWORD","n":30},{"value":"${value}"}]`],
    ['another name between', `{"name":"DB_PASSWORD","key":"x","value":"${value}"}`],
    ['escaping that differs', `{"name":"DB_PASSWORD","type":"x",\\"value\\":\\"${value}\\"}`],
    ['YAML, a nested block between', `- name: DB_PASSWORD\n  meta:\n    x: 1\n  value: ${value}\n`],
    ['YAML, another item', `- name: DB_PASSWORD\n  type: string\n- value: ${value}\n`],
  ])('not %s', (_, text) => {
    expect(spans(text)).toEqual([]);
  });

  it('runs in linear time', () => {
    expectLinearTime(
      (n) => `{"name":"DB_PASSWORD"${',"a":1'.repeat(n / 6)}`,
      detectSecrets,
      1_000_000,
    );
    expectLinearTime((n) => '{"name":"DB_PASSWORD","a":"'.repeat(n / 27), detectSecrets, 1_000_000);
    expectLinearTime(
      (n) => '- name: DB_PASSWORD\n  a: 1\n'.repeat(n / 27),
      detectSecrets,
      1_000_000,
    );
    expectLinearTime((n) => '{"value":"ab","t":1,'.repeat(n / 20), detectSecrets, 1_000_000);
  });
});
