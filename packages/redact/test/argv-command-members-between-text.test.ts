import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// `{"cmd":"redis-cli","cwd":"/x","args":["-a","<pw>"]}` as text kept the password: the
// sibling command was read only from the member right before the arguments (decision
// 0023). Up to three scalar members between are now read over, as the name/value pairs
// are. Values are generated.
const rng = createPrng(202612079);
const value = `${rng.chars(BASE62, 13)}2j`;

describe('an argv whose command a member names with scalar members between, as text', () => {
  it.each([
    ['redis-cli, cwd between', `{"cmd":"redis-cli","cwd":"/x","args":["-a","${value}"]}`],
    [
      'sshpass, three members between',
      `{"command":"sshpass","timeout":30,"shell":false,"cwd":"/srv","args":["-p","${value}","ssh","h"]}`,
    ],
    ['a JS object, glued -p', `run({ cmd: 'mysql', cwd: '/srv', argv: ['-uroot', '-p${value}'] })`],
    [
      'Kubernetes, over lines',
      `{\n  "command": ["redis-cli"],\n  "imagePullPolicy": "Always",\n  "args": ["-a", "${value}"]\n}`,
    ],
  ])('%s', (_, text) => {
    expect(spans(text)).toEqual([value]);
    expect(createRedactor().redactText(text).text).not.toContain(value);
  });

  it.each([
    ['four members between', `{"cmd":"sshpass","a":1,"b":2,"c":3,"d":4,"args":["-p","${value}"]}`],
    ['another command', '{"cmd":"ssh","cwd":"/x","args":["-p","2222","host"]}'],
    ['an object between', `{"cmd":"sshpass","env":{"A":"1"},"args":["-p","${value}"]}`],
    ['an array between', `{"cmd":"sshpass","tags":["a"],"args":["-p","${value}"]}`],
    ['a command in another object', `[{"cmd":"sshpass"},{"cwd":"/x","args":["-p","${value}"]}]`],
    ['a value with blanks between', `{"cmd":"sshpass","note":"a b","args":["-p","${value}"]}`],
    ['a member that names no command', `{"name":"sshpass","cwd":"/x","args":["-p","${value}"]}`],
  ])('not %s', (_, text) => {
    expect(spans(text)).toEqual([]);
  });

  it('runs in linear time', () => {
    expectLinearTime(
      (n) => `{${'"a":1,'.repeat(n / 6)}"args":["-p","x"]}`,
      detectSecrets,
      1_000_000,
    );
    expectLinearTime((n) => '"a":1,"args":["-p",'.repeat(n / 19), detectSecrets, 1_000_000);
  });
});
