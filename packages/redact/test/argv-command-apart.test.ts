import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor } from '../src/index.js';

// `redactValue({ cmd: 'sshpass', args: ['-p', pw] })` kept the password: the command was
// read only from an array's first element. Values are generated.
const rng = createPrng(20261223);
const value = `${rng.chars(BASE62, 13)}5j`;

function redacted(input: unknown): string {
  return JSON.stringify(createRedactor().redactValue(input).value);
}

describe('an argv whose command a sibling member names', () => {
  it.each([
    ['cmd and args', { cmd: 'sshpass', args: ['-p', value, 'ssh', 'host'] }],
    ['Kubernetes command and args', { command: ['sshpass'], args: ['-p', value, 'ssh', 'host'] }],
    ['a path and a glued MySQL -p', { command: '/usr/bin/mysql', argv: [`-p${value}`, 'host'] }],
    ['a word-only password', { program: 'sshpass', args: ['-p', 'raspberry', 'ssh', 'host'] }],
  ])('%s', (_, input) => {
    const out = redacted(input);
    expect(out).not.toContain(value);
    expect(out).not.toContain('raspberry');
    expect(out).toContain('host');
  });

  it.each([
    ['another command', { cmd: 'ssh', args: ['-p', '2222', 'host'] }],
    ["sshpass's file option", { cmd: 'sshpass', args: ['-f', 'pwfile', 'ssh', 'host'] }],
    ['a member that is no argument list', { cmd: 'sshpass', env: ['-p', 'raspberry'] }],
    ['an array inside the arguments', { cmd: 'sshpass', args: [['-p', 'raspberry']] }],
    ['an object inside the arguments', { cmd: 'sshpass', args: { list: ['-p', 'raspberry'] } }],
  ])('not %s', (_, input) => {
    expect(redacted(input)).toBe(JSON.stringify(input));
  });
});
