import { describe, expect, it } from 'vitest';
import { BASE62, createPrng } from '../../../test/support/prng.js';
import { createRedactor, detectSecrets } from '../src/index.js';
import { expectLinearTime } from './helpers/linear-time.js';
import { spans } from './helpers/spans.js';

// A secret in an HTML table (a wiki page pasted into a prompt, an HTML e-mail, a model's
// answer rendered as HTML) passed in clear: only Markdown and delimited tables were read.
// Values are generated.
const rng = createPrng(20261207);
const value = `${rng.chars(BASE62, 12)}5t`;
const other = `${rng.chars(BASE62, 14)}9w`;

describe('a secret in an HTML table', () => {
  it.each([
    [
      'a column headed by a credential name',
      `<table><tr><th>User</th><th>Password</th></tr><tr><td>bob</td><td>${value}</td></tr><tr><td>eve</td><td>${other}</td></tr></table>`,
      [value, other],
    ],
    [
      'a header in <thead>, cells in <tbody>, attributes and blanks',
      `<table class="creds">\n  <thead>\n    <tr><td>Service</td><td>API Key</td></tr>\n  </thead>\n  <tbody>\n    <tr>\n      <td>billing</td>\n      <td style="font-family: monospace">\n        ${value}\n      </td>\n    </tr>\n  </tbody>\n</table>`,
      [value],
    ],
    [
      'a row naming its credential, the value in the next cell',
      `<table><tr><th>Host</th><td>db.internal</td></tr><tr><th>Password</th><td>${value}</td></tr></table>`,
      [value],
    ],
    [
      'the value inside inline tags',
      `<tr><td><b>client_secret</b></td><td><code>${value}</code></td></tr>`,
      [value],
    ],
    ['upper-case tags, no closing tags', `<TABLE><TR><TH>Token<TD>${value}</TABLE>`, [value]],
    ['a name in Chinese', `<tr><td>数据库密码</td><td>${value}</td></tr>`, [value]],
    [
      'a value with a character reference, masked as written',
      `<tr><td>Password</td><td>${value}&amp;x</td></tr>`,
      [`${value}&amp;x`],
    ],
  ])('%s', (_, text, secrets) => {
    expect(spans(text)).toEqual(secrets);
    const redacted = createRedactor().redactText(text).text;
    for (const secret of secrets) expect(redacted).not.toContain(secret);
  });

  it.each([
    '<table><tr><th>Option</th><th>Password</th></tr><tr><td>--pw</td><td>The password to use</td></tr></table>',
    '<table><tr><th>Password</th><td>&lt;your password&gt;</td></tr></table>',
    '<tr><td>password</td><td>sunshine</td></tr>',
    '<tr><td><code>dsa_private_key</code>:</td><td>&nbsp;</td></tr>',
    '<tr><td>Please read the password policy before you change it</td><td>v2-Policy-2026</td></tr>',
    `<table><tr><th>User</th><th>Id</th></tr><tr><td>bob</td><td>${value}</td></tr></table>`,
    `<table><tr><th>User</th><th>Password</th></tr></table><table><tr><td>bob</td><td>${value}</td></tr></table>`,
  ])('leaves %j alone', (text) => {
    expect(detectSecrets(text)).toEqual([]);
  });

  it('is linear on many cells, rows, unclosed tags and long cells', () => {
    const header = '<table><tr><th>password</th></tr>';
    expectLinearTime((n) => `${header}${'<tr><td>a1b2c3d4e5'.repeat(n / 19)}`, detectSecrets, 1e6);
    expectLinearTime((n) => `<tr><td>password${'<td>'.repeat(n / 4)}`, detectSecrets, 1e6);
    expectLinearTime((n) => '<td'.repeat(n / 3), detectSecrets, 1e6);
    expectLinearTime((n) => `<td>password<td>${'<'.repeat(n)}`, detectSecrets, 1e6);
    expectLinearTime((n) => `${header}<tr><td>${'x<b>y</b>'.repeat(n / 9)}`, detectSecrets, 1e6);
  });
});
