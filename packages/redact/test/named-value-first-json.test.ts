import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// A JSON name/value pair written value first (`{"value":"…","name":"DB_PASSWORD"}`) passed
// in clear: only the name-first order was read in JSON. Values are generated.
const rng = createPrng(20261207);
const value = `${rng.chars(BASE62, 13)}7q`;

describe('a JSON name/value pair written value first', () => {
  it.each([
    ['compact', `{"value":"${value}","name":"DB_PASSWORD"}`],
    ['spaced, Key/Value', `{ "Value": "${value}", "Key": "api_token" }`],
    ['over lines', `[\n  {\n    "value": "${value}",\n    "name": "CLIENT_SECRET"\n  }\n]`],
    [
      'JSON inside a JSON string',
      `{"env":"[{\\"value\\":\\"${value}\\",\\"name\\":\\"DB_PASSWORD\\"}]"}`,
    ],
    ['an auth scheme left out', `{"value":"Token ${value}","name":"Authorization"}`],
  ])('%s', (_, text) => {
    expect(spans(text)).toEqual([value]);
    expect(createRedactor().redactText(text).text).not.toContain(value);
  });

  it.each([
    ['a name that is no credential', `{"value":"${value}","name":"BUILD_ID"}`],
    // A scalar member between is read now (named-value-members-between.test.ts).
    ['an object between', `{"value":"${value}","meta":{"type":"string"},"name":"DB_PASSWORD"}`],
    ['four members between', `{"value":"${value}","a":1,"b":2,"c":3,"d":4,"name":"DB_PASSWORD"}`],
    ['a word', '{"value":"changeme","name":"DB_PASSWORD"}'],
    ['a reference', '{"value":"$(DB_PASSWORD)","name":"DB_PASSWORD"}'],
    ['escaping that differs', `{"value":"${value}","name\\":\\"DB_PASSWORD\\"}`],
    ['prose', 'The "value" of a "name" such as "password" is set in the console.'],
    ['prose with quotes', `Set the "value": "${value}" first, then "name": "ours".`],
  ])('not %s', (_, text) => {
    expect(spans(text)).toEqual([]);
  });

  it('runs in linear time', () => {
    expectLinearTime((n) => `{"value":"${'x'.repeat(n)}`, detectSecrets, 1_000_000);
    expectLinearTime((n) => '"value":"'.repeat(n / 9), detectSecrets, 1_000_000);
    expectLinearTime((n) => `"value":'${' '.repeat(n)}`, detectSecrets, 1_000_000);
    expectLinearTime(
      (n) => '{"value":"ab","name":"DB_PASSWORD"},'.repeat(n / 36),
      detectSecrets,
      1_000_000,
    );
  });
});
