import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// YAML's pair written value first with a member between (`- value: …` / `type: string` /
// `name: DB_PASSWORD`) passed in clear: the value had to be on the line right above the
// name, where name first and JSON in either order read up to three members between.
// Values are generated.
const rng = createPrng(20261207);
const value = `${rng.chars(BASE62, 14)}5m`;

describe('a YAML pair written value first with members between', () => {
  it.each([
    ['one member between', `- value: ${value}\n  type: string\n  name: DB_PASSWORD\n`],
    [
      'three members between, indented',
      `env:\n  - value: ${value}\n    type: string\n    secure: true\n    note: rotated\n    name: API_TOKEN\n`,
    ],
    ['quoted', `- value: "${value}"\n  type: string\n  name: "SECRET_KEY"\n`],
    ['CRLF lines', `- value: ${value}\r\n  type: string\r\n  name: DB_PASSWORD\r\n`],
    ['a mapping, no list', `value: ${value}\ntype: string\nname: DB_PASSWORD\n`],
  ])('%s', (_, text) => {
    expect(spans(text)).toEqual([value]);
    expect(createRedactor().redactText(text).text).not.toContain(value);
  });

  it.each([
    [
      'four members between',
      `- value: ${value}\n  a: 1\n  b: 2\n  c: 3\n  d: 4\n  name: DB_PASSWORD\n`,
    ],
    ['another item', `- value: ${value}\n- type: string\n  name: DB_PASSWORD\n`],
    ['another column', `- value: ${value}\n    type: string\n  name: DB_PASSWORD\n`],
    ['a nested block between', `- value: ${value}\n  meta:\n    x: 1\n  name: DB_PASSWORD\n`],
    ['another name between', `- value: ${value}\n  key: x\n  name: DB_PASSWORD\n`],
    ['a name that is no credential', `- value: ${value}\n  type: string\n  name: HOST\n`],
  ])('not %s', (_, text) => {
    expect(spans(text)).toEqual([]);
  });

  it('reads back a bounded number of lines: linear', () => {
    expectLinearTime(
      (n) => '  a: 1\n  name: DB_PASSWORD\n'.repeat(n / 27),
      detectSecrets,
      1_000_000,
    );
    expectLinearTime(
      (n) => `- value: x\n${'  name: DB_PASSWORD\n'.repeat(n / 20)}`,
      detectSecrets,
      1_000_000,
    );
  });
});
